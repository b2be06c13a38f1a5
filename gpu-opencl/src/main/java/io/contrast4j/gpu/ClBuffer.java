package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Device-resident storage of {@code length} elements of one {@link ClDType}, taken from a
 * {@link ClAllocator} pool. {@link #close()} returns it to the pool deterministically; using a
 * closed buffer throws {@link IllegalStateException}. Uploads and downloads are blocking and go
 * through an off-heap staging segment.
 */
public final class ClBuffer implements AutoCloseable {
    private final ClAllocator allocator;
    private final ClContext context;
    private final MemorySegment mem;
    private final long byteSize;
    private final ClDType dtype;
    private final long length;
    private boolean released;

    ClBuffer(ClAllocator allocator, ClContext context, MemorySegment mem, long byteSize, ClDType dtype,
            long length) {
        this.allocator = allocator;
        this.context = context;
        this.mem = mem;
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.length = length;
    }

    public ClDType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public long length() {
        return length;
    }

    /** Bytes of the underlying {@code cl_mem} (at least {@code length * dtype.bytes()}, never 0). */
    public long byteSize() {
        return byteSize;
    }

    public ClContext context() {
        return context;
    }

    public boolean isReleased() {
        return released;
    }

    /** The {@code cl_mem} handle. */
    public MemorySegment handle() {
        if (released) {
            throw new IllegalStateException("ClBuffer of " + length + " " + dtype + " already released");
        }
        return mem;
    }

    MemorySegment rawHandle() {
        return mem;
    }

    private void requireType(ClDType t, int n) {
        if (dtype != t) {
            throw new IllegalArgumentException("buffer holds " + dtype + ", not " + t);
        }
        if (n > length) {
            throw new IllegalArgumentException("array of " + n + " elements does not fit buffer of " + length);
        }
    }

    public void write(float[] src) {
        requireType(ClDType.F32, src.length);
        write(MemorySegment.ofArray(src), JAVA_FLOAT, src.length);
    }

    public void write(double[] src) {
        requireType(ClDType.F64, src.length);
        write(MemorySegment.ofArray(src), JAVA_DOUBLE, src.length);
    }

    public void write(int[] src) {
        requireType(ClDType.I32, src.length);
        write(MemorySegment.ofArray(src), JAVA_INT, src.length);
    }

    private void write(MemorySegment heap, ValueLayout layout, int n) {
        if (n == 0) {
            return;
        }
        long bytes = n * layout.byteSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            staging.copyFrom(heap);
            ClException.check(context.openCl().clEnqueueWriteBuffer(context.queue(), handle(), OpenCl.CL_TRUE, 0,
                    bytes, staging), "clEnqueueWriteBuffer(" + bytes + " bytes)");
        }
    }

    /** Downloads all elements of an F32 buffer. */
    public float[] readFloats() {
        float[] out = new float[Math.toIntExact(length)];
        requireType(ClDType.F32, out.length);
        read(MemorySegment.ofArray(out), out.length * 4L);
        return out;
    }

    /** Downloads all elements of an F64 buffer. */
    public double[] readDoubles() {
        double[] out = new double[Math.toIntExact(length)];
        requireType(ClDType.F64, out.length);
        read(MemorySegment.ofArray(out), out.length * 8L);
        return out;
    }

    /** Downloads all elements of an I32 buffer. */
    public int[] readInts() {
        int[] out = new int[Math.toIntExact(length)];
        requireType(ClDType.I32, out.length);
        read(MemorySegment.ofArray(out), out.length * 4L);
        return out;
    }

    /** Downloads an F32 or F64 buffer as doubles. */
    public double[] readAsDoubles() {
        if (dtype == ClDType.F64) {
            return readDoubles();
        }
        if (dtype == ClDType.F32) {
            float[] f = readFloats();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        throw new IllegalArgumentException("buffer holds " + dtype + ", not a floating type");
    }

    private void read(MemorySegment heap, long bytes) {
        if (bytes == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            ClException.check(context.openCl().clEnqueueReadBuffer(context.queue(), handle(), OpenCl.CL_TRUE, 0,
                    bytes, staging), "clEnqueueReadBuffer(" + bytes + " bytes)");
            heap.copyFrom(staging);
        }
    }

    /** Sets every element to {@code value} (converted to this buffer's type). */
    public void fill(double value) {
        if (length == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pattern = arena.allocate(dtype.bytes(), dtype.bytes());
            switch (dtype) {
                case F32 -> pattern.set(JAVA_FLOAT, 0, (float) value);
                case F64 -> pattern.set(JAVA_DOUBLE, 0, value);
                case I32 -> pattern.set(JAVA_INT, 0, (int) value);
            }
            ClException.check(context.openCl().clEnqueueFillBuffer(context.queue(), handle(), pattern,
                    dtype.bytes(), 0, length * dtype.bytes()), "clEnqueueFillBuffer(" + dtype + ")");
        }
    }

    /** Copies {@code count} elements from {@code src[srcOffset..]} to {@code this[dstOffset..]} on the device. */
    public void copyFrom(ClBuffer src, long srcOffset, long dstOffset, long count) {
        if (src.dtype != dtype) {
            throw new IllegalArgumentException("copy from " + src.dtype + " into " + dtype);
        }
        if (srcOffset < 0 || dstOffset < 0 || count < 0 || srcOffset + count > src.length
                || dstOffset + count > length) {
            throw new IllegalArgumentException("copy of " + count + " elements from offset " + srcOffset + " of "
                    + src.length + " to offset " + dstOffset + " of " + length + " is out of range");
        }
        if (count == 0) {
            return;
        }
        int b = dtype.bytes();
        ClException.check(context.openCl().clEnqueueCopyBuffer(context.queue(), src.handle(), handle(),
                srcOffset * b, dstOffset * b, count * b), "clEnqueueCopyBuffer(" + count * b + " bytes)");
    }

    /** Returns the storage to the allocator's pool. Idempotent. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            allocator.release(this);
        }
    }

    @Override
    public String toString() {
        return "ClBuffer[" + length + " x " + dtype + (released ? ", released]" : "]");
    }
}
