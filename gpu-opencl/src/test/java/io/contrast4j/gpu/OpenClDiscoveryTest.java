package io.contrast4j.gpu;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenClDiscoveryTest {

    @Test
    void statusNamesAreStandard() {
        assertEquals("CL_SUCCESS", ClStatus.name(0));
        assertEquals("CL_DEVICE_NOT_FOUND", ClStatus.name(-1));
        assertEquals("CL_MEM_OBJECT_ALLOCATION_FAILURE", ClStatus.name(-4));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClStatus.name(-11));
        assertEquals("CL_INVALID_VALUE", ClStatus.name(-30));
        assertEquals("CL_INVALID_KERNEL_NAME", ClStatus.name(-46));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", ClStatus.name(-54));
        assertEquals("CL_INVALID_BUFFER_SIZE", ClStatus.name(-61));
        assertEquals("CL_INVALID_DEVICE_PARTITION_COUNT", ClStatus.name(-68));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClStatus.name(-1001));
        assertEquals("CL_UNKNOWN_ERROR", ClStatus.name(-9999));
        // every 1.2 code from -1 to -19 and -30 to -68 has its own name
        for (int c = -1; c >= -68; c--) {
            if (c > -20 || c <= -30) {
                assertFalse(ClStatus.name(c).equals("CL_UNKNOWN_ERROR"), "code " + c);
            }
        }
    }

    @Test
    void exceptionMessageNamesCallAndStatus() {
        ClException e = new ClException("clEnqueueNDRangeKernel(matmul)", -54);
        assertEquals("clEnqueueNDRangeKernel(matmul) failed: CL_INVALID_WORK_GROUP_SIZE (-54)", e.getMessage());
        assertEquals(-54, e.code());
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", e.statusName());
        assertEquals("clEnqueueNDRangeKernel(matmul)", e.call());
    }

    @Test
    void discoveryListsTheDevice() {
        ClAvailability a = ClTestSupport.availability();
        List<ClDevice> devices = a.devices();
        assertFalse(devices.isEmpty());
        for (int i = 0; i < devices.size(); i++) {
            ClDevice d = devices.get(i);
            assertEquals(i, d.index());
            assertFalse(d.name().isBlank(), d.toString());
            assertTrue(d.computeUnits() > 0, d.toString());
            assertTrue(d.globalMemBytes() > 0, d.toString());
            assertTrue(d.maxWorkGroupSize() > 0, d.toString());
            assertTrue(d.version().startsWith("OpenCL"), d.toString());
            assertEquals(d.extensions().contains("cl_khr_fp64"), d.fp64(), d.toString());
        }
        // the PoCL CPU device of the build machine, where present
        boolean pocl = devices.stream().anyMatch(d -> d.platformName().contains("Portable Computing Language"));
        if (pocl) {
            ClDevice d = ClDevice.select(devices, "Portable Computing");
            assertTrue(d.typeName().contains("CPU"), d.toString());
        }
    }

    @Test
    void selectionByIndexNameAndProperty() {
        List<ClDevice> devices = ClTestSupport.availability().devices();
        ClDevice first = devices.get(0);
        assertSame(first, ClDevice.select(devices, "0"));
        String word = first.name().substring(0, Math.min(5, first.name().length())).toUpperCase();
        assertSame(first, ClDevice.select(devices, word));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClDevice.select(devices, String.valueOf(devices.size())));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClDevice.select(devices, "no-such-device-xyz"));
        String old = System.getProperty(ClDevice.PROPERTY);
        try {
            System.setProperty(ClDevice.PROPERTY, String.valueOf(devices.size() - 1));
            assertSame(devices.get(devices.size() - 1), ClDevice.select(devices));
        } finally {
            if (old == null) {
                System.clearProperty(ClDevice.PROPERTY);
            } else {
                System.setProperty(ClDevice.PROPERTY, old);
            }
        }
    }
}
