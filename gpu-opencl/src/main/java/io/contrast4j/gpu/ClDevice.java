package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One OpenCL device as discovered on a platform, with the properties the runtime needs.
 * {@link #list(OpenCl)} enumerates every device of every platform in a stable order (platform
 * order, then device order), and {@link #select(List, String)} picks one by index, by name
 * substring, or through the system property {@value #PROPERTY}.
 *
 * @param index            position in {@link #list(OpenCl)}
 * @param platform         the {@code cl_platform_id}
 * @param id               the {@code cl_device_id}
 * @param platformName     {@code CL_PLATFORM_NAME}
 * @param name             {@code CL_DEVICE_NAME}
 * @param vendor           {@code CL_DEVICE_VENDOR}
 * @param version          {@code CL_DEVICE_VERSION}
 * @param type             {@code CL_DEVICE_TYPE} bit field
 * @param computeUnits     {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param globalMemBytes   {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param maxAllocBytes    {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}
 * @param localMemBytes    {@code CL_DEVICE_LOCAL_MEM_SIZE}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param extensions       {@code CL_DEVICE_EXTENSIONS}, space separated
 */
public record ClDevice(int index, MemorySegment platform, MemorySegment id, String platformName, String name,
        String vendor, String version, long type, int computeUnits, long globalMemBytes, long maxAllocBytes,
        long localMemBytes, long maxWorkGroupSize, String extensions) {

    /** System property selecting the device: an index into {@link #list(OpenCl)} or a name substring. */
    public static final String PROPERTY = "c4j.opencl.device";

    /** Whether the device supports double precision ({@code cl_khr_fp64}). */
    public boolean fp64() {
        return hasExtension("cl_khr_fp64");
    }

    /** Whether 64-bit global atomics exist ({@code cl_khr_int64_base_atomics}), needed for F64 scatter-add. */
    public boolean int64Atomics() {
        return hasExtension("cl_khr_int64_base_atomics");
    }

    public boolean hasExtension(String extension) {
        for (String e : extensions.split("\\s+")) {
            if (e.equals(extension)) {
                return true;
            }
        }
        return false;
    }

    /** "CPU", "GPU", "ACCELERATOR", "CUSTOM" or "DEFAULT" (joined with '|' when several bits are set). */
    public String typeName() {
        List<String> names = new ArrayList<>();
        if ((type & OpenCl.CL_DEVICE_TYPE_CPU) != 0) names.add("CPU");
        if ((type & OpenCl.CL_DEVICE_TYPE_GPU) != 0) names.add("GPU");
        if ((type & OpenCl.CL_DEVICE_TYPE_ACCELERATOR) != 0) names.add("ACCELERATOR");
        if ((type & OpenCl.CL_DEVICE_TYPE_CUSTOM) != 0) names.add("CUSTOM");
        if ((type & OpenCl.CL_DEVICE_TYPE_DEFAULT) != 0) names.add("DEFAULT");
        return names.isEmpty() ? "UNKNOWN" : String.join("|", names);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "#%d %s [%s] (%s; %s; %s; %d CUs, %d MiB, fp64=%s, max WG %d)", index,
                name, typeName(), platformName, vendor, version, computeUnits, globalMemBytes >> 20, fp64(),
                maxWorkGroupSize);
    }

    /**
     * Every device of every platform. Platforms that report no device are skipped.
     *
     * @throws ClException when {@code clGetPlatformIDs} fails (e.g. {@code CL_PLATFORM_NOT_FOUND_KHR})
     */
    public static List<ClDevice> list(OpenCl cl) {
        List<ClDevice> out = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            ClException.check(cl.clGetPlatformIDs(0, MemorySegment.NULL, count), "clGetPlatformIDs");
            int np = count.get(JAVA_INT, 0);
            if (np == 0) {
                return out;
            }
            MemorySegment platforms = arena.allocate(ADDRESS, np);
            ClException.check(cl.clGetPlatformIDs(np, platforms, MemorySegment.NULL), "clGetPlatformIDs");
            for (int p = 0; p < np; p++) {
                MemorySegment platform = platforms.getAtIndex(ADDRESS, p);
                String platformName = OpenCl.infoString(
                        (s, v, r) -> cl.clGetPlatformInfo(platform, OpenCl.CL_PLATFORM_NAME, s, v, r),
                        "clGetPlatformInfo(CL_PLATFORM_NAME)");
                int rc = cl.clGetDeviceIDs(platform, OpenCl.CL_DEVICE_TYPE_ALL, 0, MemorySegment.NULL, count);
                if (rc == ClStatus.CL_DEVICE_NOT_FOUND) {
                    continue;
                }
                ClException.check(rc, "clGetDeviceIDs(" + platformName + ")");
                int nd = count.get(JAVA_INT, 0);
                MemorySegment devices = arena.allocate(ADDRESS, Math.max(1, nd));
                ClException.check(cl.clGetDeviceIDs(platform, OpenCl.CL_DEVICE_TYPE_ALL, nd, devices,
                        MemorySegment.NULL), "clGetDeviceIDs(" + platformName + ")");
                for (int d = 0; d < nd; d++) {
                    out.add(describe(cl, out.size(), platform, platformName, devices.getAtIndex(ADDRESS, d)));
                }
            }
        }
        return List.copyOf(out);
    }

    private static ClDevice describe(OpenCl cl, int index, MemorySegment platform, String platformName,
            MemorySegment device) {
        OpenCl.InfoCall name = (s, v, r) -> cl.clGetDeviceInfo(device, OpenCl.CL_DEVICE_NAME, s, v, r);
        OpenCl.InfoCall vendor = (s, v, r) -> cl.clGetDeviceInfo(device, OpenCl.CL_DEVICE_VENDOR, s, v, r);
        OpenCl.InfoCall version = (s, v, r) -> cl.clGetDeviceInfo(device, OpenCl.CL_DEVICE_VERSION, s, v, r);
        OpenCl.InfoCall ext = (s, v, r) -> cl.clGetDeviceInfo(device, OpenCl.CL_DEVICE_EXTENSIONS, s, v, r);
        return new ClDevice(index, platform, device, platformName,
                OpenCl.infoString(name, "clGetDeviceInfo(CL_DEVICE_NAME)").strip(),
                OpenCl.infoString(vendor, "clGetDeviceInfo(CL_DEVICE_VENDOR)").strip(),
                OpenCl.infoString(version, "clGetDeviceInfo(CL_DEVICE_VERSION)").strip(),
                ulong(cl, device, OpenCl.CL_DEVICE_TYPE, "CL_DEVICE_TYPE"),
                (int) uint(cl, device, OpenCl.CL_DEVICE_MAX_COMPUTE_UNITS, "CL_DEVICE_MAX_COMPUTE_UNITS"),
                ulong(cl, device, OpenCl.CL_DEVICE_GLOBAL_MEM_SIZE, "CL_DEVICE_GLOBAL_MEM_SIZE"),
                ulong(cl, device, OpenCl.CL_DEVICE_MAX_MEM_ALLOC_SIZE, "CL_DEVICE_MAX_MEM_ALLOC_SIZE"),
                ulong(cl, device, OpenCl.CL_DEVICE_LOCAL_MEM_SIZE, "CL_DEVICE_LOCAL_MEM_SIZE"),
                ulong(cl, device, OpenCl.CL_DEVICE_MAX_WORK_GROUP_SIZE, "CL_DEVICE_MAX_WORK_GROUP_SIZE"),
                OpenCl.infoString(ext, "clGetDeviceInfo(CL_DEVICE_EXTENSIONS)").strip());
    }

    private static long ulong(OpenCl cl, MemorySegment device, int param, String name) {
        return OpenCl.infoLong((s, v, r) -> cl.clGetDeviceInfo(device, param, s, v, r),
                "clGetDeviceInfo(" + name + ")", JAVA_LONG);
    }

    private static long uint(OpenCl cl, MemorySegment device, int param, String name) {
        return OpenCl.infoLong((s, v, r) -> cl.clGetDeviceInfo(device, param, s, v, r),
                "clGetDeviceInfo(" + name + ")", JAVA_INT);
    }

    /**
     * Picks a device. {@code spec} null or blank: the system property {@value #PROPERTY}, and when that
     * is unset too, the first GPU if any, else device 0. A spec of digits is an index; anything else a
     * case-insensitive substring of the device name (or platform name).
     *
     * @throws IllegalArgumentException when the list is empty or nothing matches
     */
    public static ClDevice select(List<ClDevice> devices, String spec) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no OpenCL device to select from");
        }
        String s = spec == null || spec.isBlank() ? System.getProperty(PROPERTY, "") : spec;
        s = s.strip();
        if (s.isEmpty()) {
            for (ClDevice d : devices) {
                if ((d.type() & OpenCl.CL_DEVICE_TYPE_GPU) != 0) {
                    return d;
                }
            }
            return devices.get(0);
        }
        if (s.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(s);
            if (i >= devices.size()) {
                throw new IllegalArgumentException("OpenCL device index " + i + " out of range: " + devices.size()
                        + " device(s) found");
            }
            return devices.get(i);
        }
        String needle = s.toLowerCase(Locale.ROOT);
        for (ClDevice d : devices) {
            if (d.name().toLowerCase(Locale.ROOT).contains(needle)
                    || d.platformName().toLowerCase(Locale.ROOT).contains(needle)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no OpenCL device matches '" + s + "'; found: "
                + devices.stream().map(ClDevice::name).toList());
    }

    /** {@link #select(List, String)} with the property / default rule. */
    public static ClDevice select(List<ClDevice> devices) {
        return select(devices, null);
    }
}
