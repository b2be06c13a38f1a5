package io.contrast4j.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Device buffer pool of one {@link ClContext}, keyed by exact byte size. A released
 * {@link ClBuffer} goes back to its size's free list (up to {@link #maxPooledBytes()} in total,
 * beyond which it is released to the driver at once), and the next allocation of that size reuses
 * it. Counters ({@link #liveBytes()}, {@link #pooledBytes()}, {@link #created()}) let tests check
 * that nothing leaks. An allocation the device refuses first empties the pool and retries once,
 * then throws a {@link ClException} naming the requested size. Thread-safe.
 */
public final class ClAllocator {
    private final ClContext context;
    private final long maxPooledBytes;
    private final Map<Long, ArrayDeque<MemorySegment>> free = new HashMap<>();
    private long liveBytes;
    private long liveBuffers;
    private long pooledBytes;
    private long created;
    private long reused;
    private long releasedToDriver;

    ClAllocator(ClContext context, long maxPooledBytes) {
        this.context = context;
        this.maxPooledBytes = maxPooledBytes;
    }

    /**
     * A buffer of {@code length} elements of {@code dtype}; contents are undefined.
     *
     * @throws IllegalArgumentException for a negative length, or F64 on a device without fp64
     * @throws ClException              when the device cannot allocate it
     */
    public synchronized ClBuffer allocate(ClDType dtype, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("buffer length must be >= 0, got " + length);
        }
        if (dtype == ClDType.F64 && !context.device().fp64()) {
            throw new IllegalArgumentException("device '" + context.device().name()
                    + "' does not support F64 (no cl_khr_fp64 extension)");
        }
        long bytes = Math.max(1, length) * dtype.bytes();
        ArrayDeque<MemorySegment> list = free.get(bytes);
        MemorySegment mem = list == null ? null : list.pollLast();
        if (mem != null) {
            pooledBytes -= bytes;
            reused++;
        } else {
            mem = create(bytes);
        }
        liveBytes += bytes;
        liveBuffers++;
        return new ClBuffer(this, context, mem, bytes, dtype, length);
    }

    private MemorySegment create(long bytes) {
        int code;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = arena.allocate(JAVA_INT);
            MemorySegment mem = context.openCl().clCreateBuffer(context.handle(), OpenCl.CL_MEM_READ_WRITE, bytes,
                    MemorySegment.NULL, err);
            code = err.get(JAVA_INT, 0);
            if (code == ClStatus.CL_SUCCESS && !mem.equals(MemorySegment.NULL)) {
                created++;
                return mem;
            }
            if (ClStatus.isOutOfMemory(code) && pooledBytes > 0) {
                trim();
                mem = context.openCl().clCreateBuffer(context.handle(), OpenCl.CL_MEM_READ_WRITE, bytes,
                        MemorySegment.NULL, err);
                code = err.get(JAVA_INT, 0);
                if (code == ClStatus.CL_SUCCESS && !mem.equals(MemorySegment.NULL)) {
                    created++;
                    return mem;
                }
            }
        }
        throw new ClException("clCreateBuffer(" + bytes + " bytes)", code == 0 ? ClStatus.CL_OUT_OF_RESOURCES : code,
                "could not allocate " + bytes + " bytes on '" + context.device().name() + "' (live " + liveBytes
                        + " bytes, max single allocation " + context.device().maxAllocBytes() + " bytes)");
    }

    synchronized void release(ClBuffer buffer) {
        long bytes = buffer.byteSize();
        liveBytes -= bytes;
        liveBuffers--;
        if (pooledBytes + bytes <= maxPooledBytes && !context.isClosed()) {
            free.computeIfAbsent(bytes, k -> new ArrayDeque<>()).addLast(buffer.rawHandle());
            pooledBytes += bytes;
        } else if (!context.isClosed()) {
            context.openCl().clReleaseMemObject(buffer.rawHandle());
            releasedToDriver++;
        }
    }

    /** Releases every pooled (free) buffer to the driver. Live buffers are untouched. */
    public synchronized void trim() {
        for (ArrayDeque<MemorySegment> list : free.values()) {
            for (MemorySegment m : list) {
                context.openCl().clReleaseMemObject(m);
                releasedToDriver++;
            }
        }
        free.clear();
        pooledBytes = 0;
    }

    /** Bytes held by buffers handed out and not yet closed. */
    public synchronized long liveBytes() {
        return liveBytes;
    }

    /** Buffers handed out and not yet closed. */
    public synchronized long liveBuffers() {
        return liveBuffers;
    }

    /** Bytes kept in the pool for reuse. */
    public synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Number of {@code clCreateBuffer} calls that succeeded. */
    public synchronized long created() {
        return created;
    }

    /** Number of allocations served from the pool. */
    public synchronized long reused() {
        return reused;
    }

    /** Number of {@code clReleaseMemObject} calls made by the pool. */
    public synchronized long releasedToDriver() {
        return releasedToDriver;
    }

    /** Cap on {@link #pooledBytes()}. */
    public long maxPooledBytes() {
        return maxPooledBytes;
    }
}
