package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Builds OpenCL C source into {@link ClProgram}s for one context's device, always with
 * {@code -cl-std=CL1.2}, and caches them per (device, source, options). A failed build throws a
 * {@link ClException} whose message contains the compiler's build log.
 */
public final class ClCompiler {
    /** Prepended to every build's options. */
    public static final String STD = "-cl-std=CL1.2";

    private record Key(long device, String source, String options) {
    }

    private final ClContext context;
    private final Map<Key, ClProgram> cache = new HashMap<>();
    private long builds;

    ClCompiler(ClContext context) {
        this.context = context;
    }

    /** Number of programs actually compiled (cache misses). */
    public synchronized long builds() {
        return builds;
    }

    /**
     * The program for {@code source} built with {@code options} (may be empty), from the cache when
     * already built.
     *
     * @throws ClException {@code CL_BUILD_PROGRAM_FAILURE} with the build log in the message
     */
    public synchronized ClProgram build(String source, String options) {
        String opts = options == null || options.isBlank() ? STD : STD + " " + options.strip();
        Key key = new Key(context.device().id().address(), source, opts);
        ClProgram cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        OpenCl cl = context.openCl();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment src = arena.allocateFrom(source);
            MemorySegment strings = arena.allocate(ADDRESS);
            strings.set(ADDRESS, 0, src);
            MemorySegment program = cl.clCreateProgramWithSource(context.handle(), 1, strings, MemorySegment.NULL,
                    err);
            ClException.check(err.get(JAVA_INT, 0), "clCreateProgramWithSource");
            MemorySegment devices = arena.allocate(ADDRESS);
            devices.set(ADDRESS, 0, context.device().id());
            int rc = cl.clBuildProgram(program, 1, devices, arena.allocateFrom(opts));
            builds++;
            if (rc != ClStatus.CL_SUCCESS) {
                String log = buildLog(program);
                cl.clReleaseProgram(program);
                throw new ClException("clBuildProgram(" + opts + ")", rc, "build log:\n" + log);
            }
            ClProgram p = new ClProgram(context, program, opts);
            cache.put(key, p);
            return p;
        }
    }

    private String buildLog(MemorySegment program) {
        OpenCl cl = context.openCl();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            int rc = cl.clGetProgramBuildInfo(program, context.device().id(), OpenCl.CL_PROGRAM_BUILD_LOG, 0,
                    MemorySegment.NULL, size);
            if (rc != ClStatus.CL_SUCCESS || size.get(JAVA_LONG, 0) <= 1) {
                return "(no build log: " + ClStatus.describe(rc) + ")";
            }
            MemorySegment buf = arena.allocate(size.get(JAVA_LONG, 0));
            rc = cl.clGetProgramBuildInfo(program, context.device().id(), OpenCl.CL_PROGRAM_BUILD_LOG, buf.byteSize(),
                    buf, MemorySegment.NULL);
            return rc == ClStatus.CL_SUCCESS ? buf.getString(0) : "(no build log: " + ClStatus.describe(rc) + ")";
        }
    }

    synchronized void releaseAll() {
        for (ClProgram p : cache.values()) {
            p.release();
        }
        cache.clear();
    }
}
