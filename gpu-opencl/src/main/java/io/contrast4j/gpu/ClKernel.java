package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A {@code cl_kernel} created from a {@link ClProgram}. Launch it with
 * {@link ClContext#launch(ClKernel, long[], long[], Object...)}; it is released with its program.
 */
public final class ClKernel {
    private final ClProgram program;
    private final String name;
    private final MemorySegment handle;
    private volatile long maxWorkGroupSize;

    ClKernel(ClProgram program, String name, MemorySegment handle) {
        this.program = program;
        this.name = name;
        this.handle = handle;
    }

    public String name() {
        return name;
    }

    public ClProgram program() {
        return program;
    }

    MemorySegment handle() {
        return handle;
    }

    /** {@code CL_KERNEL_WORK_GROUP_SIZE}: the largest work-group this kernel can run with on the device. */
    public long maxWorkGroupSize() {
        long cached = maxWorkGroupSize;
        if (cached > 0) {
            return cached;
        }
        ClContext ctx = program.context();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_LONG);
            ClException.check(ctx.openCl().clGetKernelWorkGroupInfo(handle, ctx.device().id(),
                    OpenCl.CL_KERNEL_WORK_GROUP_SIZE, 8, v, MemorySegment.NULL),
                    "clGetKernelWorkGroupInfo(" + name + ")");
            maxWorkGroupSize = v.get(JAVA_LONG, 0);
            return maxWorkGroupSize;
        }
    }

    @Override
    public String toString() {
        return "ClKernel[" + name + "]";
    }
}
