package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A built {@code cl_program} of one {@link ClContext}. Kernels are created on first request and
 * cached by name. Obtain programs from {@link ClCompiler#build(String, String)}; they live until
 * the context closes.
 */
public final class ClProgram {
    private final ClContext context;
    private final MemorySegment handle;
    private final String options;
    private final Map<String, ClKernel> kernels = new HashMap<>();

    ClProgram(ClContext context, MemorySegment handle, String options) {
        this.context = context;
        this.handle = handle;
        this.options = options;
    }

    public ClContext context() {
        return context;
    }

    /** The full build options used ({@code -cl-std=CL1.2} plus the caller's). */
    public String options() {
        return options;
    }

    /**
     * The kernel named {@code name}.
     *
     * @throws ClException e.g. {@code CL_INVALID_KERNEL_NAME} when the program has no such kernel
     */
    public synchronized ClKernel kernel(String name) {
        ClKernel k = kernels.get(name);
        if (k != null) {
            return k;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment h = context.openCl().clCreateKernel(handle, arena.allocateFrom(name), err);
            ClException.check(err.get(JAVA_INT, 0), "clCreateKernel(" + name + ")");
            k = new ClKernel(this, name, h);
            kernels.put(name, k);
            return k;
        }
    }

    synchronized void release() {
        for (ClKernel k : kernels.values()) {
            context.openCl().clReleaseKernel(k.handle());
        }
        kernels.clear();
        context.openCl().clReleaseProgram(handle);
    }
}
