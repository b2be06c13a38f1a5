package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One OpenCL context with one in-order command queue on one {@link ClDevice}, plus its buffer
 * pool ({@link #allocator()}) and program cache ({@link #compiler()}). {@link #close()} releases
 * every program, pooled buffer, the queue and the context. Kernel launches are serialised (argument
 * setting and enqueue happen under one lock).
 */
public final class ClContext implements AutoCloseable {
    private final OpenCl cl;
    private final ClDevice device;
    private final MemorySegment context;
    private final MemorySegment queue;
    private final ClAllocator allocator;
    private final ClCompiler compiler;
    private volatile boolean closed;

    private ClContext(OpenCl cl, ClDevice device, long maxPooledBytes) {
        this.cl = cl;
        this.device = device;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment props = arena.allocate(JAVA_LONG, 3);
            props.setAtIndex(JAVA_LONG, 0, OpenCl.CL_CONTEXT_PLATFORM);
            props.setAtIndex(JAVA_LONG, 1, device.platform().address());
            props.setAtIndex(JAVA_LONG, 2, 0L);
            MemorySegment devices = arena.allocate(ADDRESS);
            devices.set(ADDRESS, 0, device.id());
            context = cl.clCreateContext(props, 1, devices, err);
            ClException.check(err.get(JAVA_INT, 0), "clCreateContext(" + device.name() + ")");
            queue = cl.clCreateCommandQueue(context, device.id(), 0L, err);
            int rc = err.get(JAVA_INT, 0);
            if (rc != ClStatus.CL_SUCCESS) {
                cl.clReleaseContext(context);
                throw new ClException("clCreateCommandQueue(" + device.name() + ")", rc);
            }
        }
        allocator = new ClAllocator(this, maxPooledBytes);
        compiler = new ClCompiler(this);
    }

    /** A context on {@code device}; the pool keeps at most a quarter of the device's global memory. */
    public static ClContext create(OpenCl cl, ClDevice device) {
        return new ClContext(cl, device, Math.max(1, device.globalMemBytes() / 4));
    }

    /** A context on {@code device} with an explicit pool cap in bytes. */
    public static ClContext create(OpenCl cl, ClDevice device, long maxPooledBytes) {
        return new ClContext(cl, device, maxPooledBytes);
    }

    /**
     * A context on the device chosen by {@link ClDevice#select(java.util.List)} (system property
     * {@value ClDevice#PROPERTY}, else the first GPU, else the first device).
     *
     * @throws IllegalStateException when OpenCL is unavailable (with the reason)
     */
    public static ClContext createDefault() {
        ClAvailability a = OpenCl.available();
        if (!a.isAvailable()) {
            throw new IllegalStateException(a.reason());
        }
        return create(a.openCl(), ClDevice.select(a.devices()));
    }

    public OpenCl openCl() {
        return cl;
    }

    public ClDevice device() {
        return device;
    }

    public ClAllocator allocator() {
        return allocator;
    }

    public ClCompiler compiler() {
        return compiler;
    }

    public boolean isClosed() {
        return closed;
    }

    MemorySegment handle() {
        requireOpen();
        return context;
    }

    MemorySegment queue() {
        requireOpen();
        return queue;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("ClContext on '" + device.name() + "' is closed");
        }
    }

    /** Shorthand for {@code allocator().allocate(dtype, length)}. */
    public ClBuffer allocate(ClDType dtype, long length) {
        return allocator.allocate(dtype, length);
    }

    /** Blocks until every enqueued command finished. */
    public void finish() {
        ClException.check(cl.clFinish(queue()), "clFinish");
    }

    /**
     * Sets the arguments and enqueues {@code kernel} over {@code global} work-items (1 to 3
     * dimensions) with work-group size {@code local} (null lets the driver choose).
     * Arguments: {@link ClBuffer}, {@link Integer}, {@link Long}, {@link Float}, {@link Double},
     * {@link ClLocal}, or an {@code int[]} of length 2, 4, 8 or 16 passed as an OpenCL {@code intN}.
     *
     * @throws ClException e.g. {@code "clEnqueueNDRangeKernel(matmul) failed: CL_INVALID_WORK_GROUP_SIZE (-54)"}
     */
    public void launch(ClKernel kernel, long[] global, long[] local, Object... args) {
        if (global.length < 1 || global.length > 3 || (local != null && local.length != global.length)) {
            throw new IllegalArgumentException("kernel " + kernel.name() + ": global size must have 1-3 dims and"
                    + " local size the same count");
        }
        MemorySegment k = kernel.handle();
        String name = kernel.name();
        synchronized (this) {
            requireOpen();
            try (Arena arena = Arena.ofConfined()) {
                for (int i = 0; i < args.length; i++) {
                    setArg(arena, k, name, i, args[i]);
                }
                MemorySegment g = arena.allocateFrom(JAVA_LONG, global);
                MemorySegment l = local == null ? MemorySegment.NULL : arena.allocateFrom(JAVA_LONG, local);
                ClException.check(cl.clEnqueueNDRangeKernel(queue, k, global.length, MemorySegment.NULL, g, l),
                        "clEnqueueNDRangeKernel(" + name + ")");
            }
        }
    }

    private void setArg(Arena arena, MemorySegment k, String name, int i, Object arg) {
        int rc;
        switch (arg) {
            case ClBuffer b -> {
                if (b.context() != this) {
                    throw new IllegalArgumentException("kernel " + name + " arg " + i + ": buffer of another context");
                }
                MemorySegment slot = arena.allocate(ADDRESS);
                slot.set(ADDRESS, 0, b.handle());
                rc = cl.clSetKernelArg(k, i, ADDRESS.byteSize(), slot);
            }
            case Integer v -> rc = cl.clSetKernelArg(k, i, 4, arena.allocateFrom(JAVA_INT, v));
            case Long v -> rc = cl.clSetKernelArg(k, i, 8, arena.allocateFrom(JAVA_LONG, v));
            case Float v -> rc = cl.clSetKernelArg(k, i, 4, arena.allocateFrom(JAVA_FLOAT, v));
            case Double v -> rc = cl.clSetKernelArg(k, i, 8, arena.allocateFrom(JAVA_DOUBLE, v));
            case ClLocal loc -> rc = cl.clSetKernelArg(k, i, loc.bytes(), MemorySegment.NULL);
            case int[] vec -> {
                if (vec.length != 2 && vec.length != 4 && vec.length != 8 && vec.length != 16) {
                    throw new IllegalArgumentException("kernel " + name + " arg " + i + ": int vector of length "
                            + vec.length + " (must be 2, 4, 8 or 16)");
                }
                MemorySegment s = arena.allocate(4L * vec.length, 4L * vec.length);
                s.copyFrom(MemorySegment.ofArray(vec));
                rc = cl.clSetKernelArg(k, i, s.byteSize(), s);
            }
            case null, default -> throw new IllegalArgumentException("kernel " + name + " arg " + i
                    + ": unsupported argument " + arg);
        }
        ClException.check(rc, "clSetKernelArg(" + name + ", " + i + ")");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        cl.clFinish(queue);
        compiler.releaseAll();
        allocator.trim();
        closed = true;
        cl.clReleaseCommandQueue(queue);
        cl.clReleaseContext(context);
    }

    @Override
    public String toString() {
        return "ClContext[" + device + "]";
    }
}
