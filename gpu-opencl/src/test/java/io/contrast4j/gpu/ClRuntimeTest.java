package io.contrast4j.gpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClRuntimeTest {
    private static final String ADD_ONE = """
            __kernel void add_one(__global float* x, int n) {
                int i = get_global_id(0);
                if (i < n) x[i] += 1.0f;
            }
            """;

    @Test
    void buildErrorCarriesBuildLog() {
        ClContext ctx = ClTestSupport.context();
        String bad = "__kernel void broken(__global float* x) { x[0] = undeclared_symbol_q7; }";
        ClException e = assertThrows(ClException.class, () -> ctx.compiler().build(bad, ""));
        assertEquals(ClStatus.CL_BUILD_PROGRAM_FAILURE, e.code());
        assertTrue(e.getMessage().startsWith("clBuildProgram(-cl-std=CL1.2) failed: CL_BUILD_PROGRAM_FAILURE (-11)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_symbol_q7"), "build log missing: " + e.getMessage());
    }

    @Test
    void programsAreCachedPerSourceAndOptions() {
        ClContext ctx = ClTestSupport.context();
        ClProgram p1 = ctx.compiler().build(ADD_ONE, "");
        long builds = ctx.compiler().builds();
        assertSame(p1, ctx.compiler().build(ADD_ONE, ""));
        assertEquals(builds, ctx.compiler().builds());
        ClProgram p2 = ctx.compiler().build(ADD_ONE, "-DUNUSED=1");
        assertNotSame(p1, p2);
        assertEquals(builds + 1, ctx.compiler().builds());
        assertSame(p1.kernel("add_one"), p1.kernel("add_one"));
        ClException e = assertThrows(ClException.class, () -> p1.kernel("nope"));
        assertEquals("CL_INVALID_KERNEL_NAME", e.statusName());
    }

    @Test
    void launchRunsAndBadWorkGroupSizeIsNamed() {
        ClContext ctx = ClTestSupport.context();
        ClKernel k = ctx.compiler().build(ADD_ONE, "").kernel("add_one");
        try (ClBuffer x = ctx.allocate(ClDType.F32, 10)) {
            x.write(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            ctx.launch(k, new long[] {10}, null, x, 10);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, x.readFloats());
            // 10 work-items cannot be split into groups of 3 under OpenCL 1.2 uniform work-groups
            ClException e = assertThrows(ClException.class,
                    () -> ctx.launch(k, new long[] {10}, new long[] {3}, x, 10));
            assertEquals("clEnqueueNDRangeKernel(add_one) failed: CL_INVALID_WORK_GROUP_SIZE (-54)", e.getMessage());
            long tooBig = k.maxWorkGroupSize() * 2;
            ClException e2 = assertThrows(ClException.class,
                    () -> ctx.launch(k, new long[] {tooBig}, new long[] {tooBig}, x, 10));
            assertEquals(ClStatus.CL_INVALID_WORK_GROUP_SIZE, e2.code(), e2.getMessage());
        }
    }

    @Test
    void uploadDownloadFillCopyRoundTrip() {
        ClContext ctx = ClTestSupport.context();
        try (ClBuffer f = ctx.allocate(ClDType.F32, 5); ClBuffer g = ctx.allocate(ClDType.F32, 5);
                ClBuffer i = ctx.allocate(ClDType.I32, 3)) {
            f.write(new float[] {1.5f, -2, 3, 4, 5});
            assertArrayEquals(new float[] {1.5f, -2, 3, 4, 5}, f.readFloats());
            g.fill(7);
            g.copyFrom(f, 1, 2, 3);
            assertArrayEquals(new float[] {7, 7, -2, 3, 4}, g.readFloats());
            i.write(new int[] {3, -1, 42});
            assertArrayEquals(new int[] {3, -1, 42}, i.readInts());
            assertThrows(IllegalArgumentException.class, () -> f.write(new double[] {1}));
            assertThrows(IllegalArgumentException.class, () -> f.write(new float[6]));
            assertThrows(IllegalArgumentException.class, () -> g.copyFrom(f, 3, 0, 3));
        }
        if (ctx.device().fp64()) {
            try (ClBuffer d = ctx.allocate(ClDType.F64, 3)) {
                d.write(new double[] {Math.PI, -1e300, 1e-300});
                assertArrayEquals(new double[] {Math.PI, -1e300, 1e-300}, d.readDoubles());
            }
        }
    }

    @Test
    void pooledBuffersAreReusedAndReleased() {
        ClContext ctx = ClTestSupport.context();
        ClAllocator pool = ctx.allocator();
        long live0 = pool.liveBytes();
        long liveBuffers0 = pool.liveBuffers();
        long created0 = pool.created();
        for (int i = 0; i < 10_000; i++) {
            ClDType t = i % 3 == 0 ? ClDType.I32 : ClDType.F32;
            try (ClBuffer a = pool.allocate(t, 1 + i % 5); ClBuffer b = pool.allocate(ClDType.F32, 100)) {
                assertEquals(live0 + a.byteSize() + b.byteSize(), pool.liveBytes());
            }
        }
        assertEquals(live0, pool.liveBytes());
        assertEquals(liveBuffers0, pool.liveBuffers());
        // sizes 4..20 and 400 bytes, at most two of one size live at once: a handful of driver buffers
        assertTrue(pool.created() - created0 <= 8, "created " + (pool.created() - created0) + " buffers");
        assertTrue(pool.reused() >= 19_990, "reused " + pool.reused());

        ClBuffer closed = pool.allocate(ClDType.F32, 4);
        closed.close();
        closed.close(); // idempotent
        assertEquals(live0, pool.liveBytes());
        IllegalStateException e = assertThrows(IllegalStateException.class, closed::readFloats);
        assertTrue(e.getMessage().contains("released"), e.getMessage());

        long pooled = pool.pooledBytes();
        pool.trim();
        assertEquals(0, pool.pooledBytes());
        assertTrue(pooled > 0);
    }

    @Test
    void impossibleAllocationNamesItsSize() {
        ClContext ctx = ClTestSupport.context();
        long elements = ctx.device().maxAllocBytes() / 4 * 64 + 1; // far beyond one allocation
        long bytes = elements * 4;
        long live0 = ctx.allocator().liveBytes();
        ClException e = assertThrows(ClException.class, () -> ctx.allocate(ClDType.F32, elements));
        assertTrue(e.getMessage().contains(bytes + " bytes"), e.getMessage());
        assertEquals(live0, ctx.allocator().liveBytes());
        assertThrows(IllegalArgumentException.class, () -> ctx.allocate(ClDType.F32, -1));
    }

    @Test
    void closedContextRefusesWork() {
        ClAvailability a = ClTestSupport.availability();
        ClContext ctx = ClContext.create(a.openCl(), ClDevice.select(a.devices()));
        ClBuffer b = ctx.allocate(ClDType.F32, 8);
        b.close();
        ctx.close();
        ctx.close();
        assertTrue(ctx.isClosed());
        assertEquals(0, ctx.allocator().pooledBytes());
        assertThrows(IllegalStateException.class, () -> ctx.allocate(ClDType.F32, 8));
    }
}
