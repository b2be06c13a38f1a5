package io.contrast4j.gpu;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.Storage;

import java.lang.ref.Cleaner;

/**
 * A {@link Storage} that lives on an OpenCL device: a {@link ClBuffer} owned by one {@link OpenClBackend}.
 *
 * <p>Memory: {@code Tensor} has no {@code close()}, so each {@code ClStorage} registers a {@link Cleaner} action that
 * returns its buffer to the context's {@link ClAllocator} pool once the storage becomes unreachable (after the next
 * garbage collection that finds it). The pool makes the following allocation of the same size a reuse rather than a
 * driver call, so steady-state training allocates nothing new on the device. {@link #release()} returns the buffer at
 * once for code that knows the storage is dead. Releasing is safe while kernels that read the buffer are still queued:
 * the context's queue is in order, so a later reuse of the buffer runs after them.
 */
public final class ClStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClBackend owner;
    private final ClBuffer buffer;
    private final DType dtype;
    private final int size;
    private final Cleaner.Cleanable cleanable;

    ClStorage(OpenClBackend owner, ClBuffer buffer, DType dtype, int size) {
        this.owner = owner;
        this.buffer = buffer;
        this.dtype = dtype;
        this.size = size;
        this.cleanable = CLEANER.register(this, new Release(buffer));
    }

    /** The cleaning action: holds only the buffer, never the storage (else it would never become unreachable). */
    private record Release(ClBuffer buffer) implements Runnable {
        @Override
        public void run() {
            buffer.close();
        }
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isHost() {
        return false;
    }

    @Override
    public Backend owner() {
        return owner;
    }

    /** The device buffer (valid until this storage is released). */
    public ClBuffer buffer() {
        return buffer;
    }

    /** Returns the buffer to the pool now instead of at the next garbage collection. Idempotent; the storage is unusable afterwards. */
    public void release() {
        cleanable.clean();
    }

    public boolean isReleased() {
        return buffer.isReleased();
    }

    @Override
    public String toString() {
        return "ClStorage[" + size + " x " + dtype + " on " + owner.name() + "]";
    }
}
