package io.contrast4j.gpu;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.BinaryOp;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.ReduceOp;
import io.contrast4j.autograd.backend.ScalarBackend;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.UnaryOp;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The kernel SPI on an OpenCL device: every {@link Backend} kernel of a floating-point storage is one or two device
 * kernels of {@link ClKernels}, and results stay on the device ({@link ClStorage}) until {@link #download} (which
 * {@code Tensor.item()}, {@code toFloatArray()} and printing call). Host inputs are uploaded on use.
 *
 * <p>Host fallbacks (download, {@link ScalarBackend}, upload; each logged once through {@link System.Logger}):
 * kernels on I32 data other than {@link #cast}, {@link #zeros}, {@link #full}, topk with {@code k > }
 * {@value ClKernels#MAX_TOPK}, and F64 scatter-adds with overlapping targets on a device without 64-bit atomics.
 *
 * <p>F64 needs a device with {@code cl_khr_fp64}; elsewhere an F64 storage fails with an
 * {@link IllegalArgumentException} naming the device. Device memory: see {@link ClStorage} (buffers return to the
 * pool when their storage is garbage collected; past half the device memory the backend requests a collection). An
 * allocation the device refuses triggers one garbage collection
 * and a retry; if that fails too the {@link ClException} names the requested size.
 *
 * <p>An out-of-range index met by a gather kernel is recorded on the device and reported (as an
 * {@link IllegalArgumentException}) at the next {@link #download}; {@code Tensor} already checks indices on the host.
 */
public final class OpenClBackend implements Backend {
    private static final System.Logger LOG = System.getLogger(OpenClBackend.class.getName());
    private static final ScalarBackend HOST = HostKernels.INSTANCE;
    private static volatile OpenClBackend shared;

    private final Supplier<ClContext> contextFactory;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile ClContext ctx;
    private volatile ClKernels kernels;
    private volatile long lastPressureGc = System.nanoTime() - 1_000_000_000L;

    /** A backend on an existing context (the caller closes the context). */
    public OpenClBackend(ClContext context) {
        this.contextFactory = () -> context;
    }

    private OpenClBackend(Supplier<ClContext> factory) {
        this.contextFactory = factory;
    }

    /**
     * The process-wide backend on the default device ({@link ClDevice#select(java.util.List)}: system property
     * {@value ClDevice#PROPERTY}, else the first GPU, else the first device). The context is created on first use;
     * where OpenCL is unavailable that first use throws {@link IllegalStateException} with the reason.
     */
    public static OpenClBackend shared() {
        OpenClBackend b = shared;
        if (b == null) {
            synchronized (OpenClBackend.class) {
                b = shared;
                if (b == null) {
                    b = new OpenClBackend(ClContext::createDefault);
                    shared = b;
                }
            }
        }
        return b;
    }

    /** ScalarBackend's kernels (its constructor is protected). */
    private static final class HostKernels extends ScalarBackend {
        static final HostKernels INSTANCE = new HostKernels();
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** The context (created on first call for {@link #shared()}). */
    public ClContext context() {
        ClContext c = ctx;
        if (c == null) {
            synchronized (this) {
                c = ctx;
                if (c == null) {
                    c = contextFactory.get();
                    kernels = new ClKernels(c);
                    ctx = c;
                }
            }
        }
        return c;
    }

    public ClKernels kernels() {
        context();
        return kernels;
    }

    public ClDevice device() {
        return context().device();
    }

    /** The device buffer pool; {@link ClAllocator#liveBytes()} counts the buffers of live storages. */
    public ClAllocator allocator() {
        return context().allocator();
    }

    /** Blocks until every queued kernel finished (for timing). */
    public void synchronize() {
        context().finish();
    }

    @Override
    public String toString() {
        ClContext c = ctx;
        return "OpenClBackend[" + (c == null ? "not started" : c.device().name()) + "]";
    }

    // ------------------------------------------------------------------ storage plumbing

    static ClDType clType(DType t) {
        return switch (t) {
            case F32 -> ClDType.F32;
            case F64 -> ClDType.F64;
            case I32 -> ClDType.I32;
        };
    }

    private ClBuffer allocateBuffer(DType dtype, int n) {
        ClContext c = context();
        relieveMemoryPressure(c, (long) n * dtype.bytes());
        try {
            return c.allocate(clType(dtype), n);
        } catch (ClException e) {
            if (!ClStatus.isOutOfMemory(e.code())) {
                throw e;
            }
            // Dead storages return their buffers only when collected: collect, let the cleaner run, retry once.
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            c.allocator().trim();
            return c.allocate(clType(dtype), n);
        }
    }

    /**
     * The Java heap does not see device memory, so garbage storages can pile up between collections: when live
     * device bytes pass half the device's global memory, ask for a collection (at most every 200 ms) so the cleaner
     * returns dead buffers to the pool.
     */
    private void relieveMemoryPressure(ClContext c, long bytes) {
        if (c.allocator().liveBytes() + bytes > c.device().globalMemBytes() / 2) {
            long now = System.nanoTime();
            if (now - lastPressureGc > 200_000_000L) {
                lastPressureGc = now;
                System.gc();
            }
        }
    }

    private ClStorage allocate(DType dtype, int n) {
        return new ClStorage(this, allocateBuffer(dtype, n), dtype, n);
    }

    /** {@code s} as a storage of this backend (uploading host or foreign storages). */
    private ClStorage dev(Storage s) {
        if (s instanceof ClStorage c && c.owner() == this) {
            if (c.isReleased()) {
                throw new IllegalStateException(c + " was released");
            }
            return c;
        }
        return (ClStorage) upload(toHost(s));
    }

    /** {@code s} on this backend in {@code dtype} (converting on the device when needed). */
    private ClStorage dev(Storage s, DType dtype) {
        ClStorage d = dev(s);
        return d.dtype() == dtype ? d : (ClStorage) cast(d, dtype);
    }

    private static HostStorage toHost(Storage s) {
        if (s instanceof HostStorage h) {
            return h;
        }
        return s.owner().download(s);
    }

    private void logOnce(String key, String message) {
        if (logged.add(key)) {
            LOG.log(System.Logger.Level.INFO, message);
        }
    }

    /** Runs a kernel on the host: for I32 data (no device kernels) and the cases named in the class comment. */
    private Storage onHost(String op, String why, Supplier<Storage> hostResult) {
        logOnce(op + why, "opencl backend: " + op + " " + why + "; computing on the host");
        Storage r = hostResult.get();
        return upload((HostStorage) r);
    }

    private HostStorage h(Storage s) {
        return s instanceof ClStorage c && c.owner() == this ? download(c) : toHost(s);
    }

    // ------------------------------------------------------------------ SPI

    @Override
    public Storage upload(HostStorage host) {
        int n = host.size();
        ClStorage out = allocate(host.dtype, n);
        switch (host.dtype) {
            case F32 -> out.buffer().write(host.f);
            case F64 -> out.buffer().write(host.d);
            case I32 -> out.buffer().write(host.i);
        }
        return out;
    }

    @Override
    public HostStorage download(Storage s) {
        if (!(s instanceof ClStorage c) || c.owner() != this) {
            return toHost(s);
        }
        kernels().checkIndexErrors();
        ClBuffer b = c.buffer();
        return switch (c.dtype()) {
            case F32 -> HostStorage.of(b.readFloats());
            case F64 -> HostStorage.of(b.readDoubles());
            case I32 -> HostStorage.of(b.readInts());
        };
    }

    @Override
    public Storage zeros(DType dtype, int n) {
        return full(dtype, n, 0);
    }

    @Override
    public Storage full(DType dtype, int n, double value) {
        ClStorage out = allocate(dtype, n);
        out.buffer().fill(value);
        return out;
    }

    @Override
    public Storage cast(Storage x, DType to) {
        ClStorage in = dev(x);
        ClStorage out = allocate(to, in.size());
        kernels().cast(in.buffer(), out.buffer(), in.size());
        return out;
    }

    private static String kernelName(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, double p1, double p2) {
        if (x.dtype() == DType.I32) {
            return onHost("unary " + op, "on I32 data", () -> HOST.unary(op, h(x), p1, p2));
        }
        ClStorage in = dev(x);
        ClStorage out = allocate(in.dtype(), in.size());
        kernels().unary(kernelName(op), in.buffer(), out.buffer(), in.size(), p1, p2);
        return out;
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        DType t = a.dtype();
        StridedView v = StridedView.of(outShape, Shape.broadcastStrides(aShape, outShape),
                Shape.broadcastStrides(bShape, outShape), Shape.strides(outShape));
        if (t == DType.I32 || v.rank() > ClKernels.MAX_RANK) {
            return onHost("binary " + op, t == DType.I32 ? "on I32 data" : "of rank " + v.rank(),
                    () -> HOST.binary(op, h(a), aShape, h(b), bShape, outShape));
        }
        ClStorage x = dev(a), y = dev(b, t);
        ClStorage out = allocate(t, Shape.numel(outShape));
        kernels().binary(kernelName(op), x.buffer(), 0, v.strides()[0], y.buffer(), 0, v.strides()[1],
                out.buffer(), v.shape());
        return out;
    }

    @Override
    public Storage where(Storage mask, Storage a, Storage b) {
        DType t = a.dtype();
        if (t == DType.I32) {
            return onHost("where", "on I32 data", () -> HOST.where(h(mask), h(a), h(b)));
        }
        ClStorage m = dev(mask, t), x = dev(a), y = dev(b, t);
        int n = x.size();
        ClStorage out = allocate(t, n);
        int[] s = {n};
        kernels().where(m.buffer(), s, x.buffer(), s, y.buffer(), s, out.buffer());
        return out;
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, int outer, int r, int inner) {
        if (x.dtype() == DType.I32) {
            return onHost("reduce " + op, "on I32 data", () -> HOST.reduce(op, h(x), outer, r, inner));
        }
        ClStorage in = dev(x);
        ClStorage out = allocate(in.dtype(), outer * inner);
        kernels().reduce(kernelName(op), in.buffer(), out.buffer(), outer, r, inner);
        return out;
    }

    @Override
    public Storage matmul(Storage a, Storage b, int batch, int m, int k, int n, boolean transA, boolean transB,
                          boolean aBatch, boolean bBatch) {
        DType t = a.dtype();
        if (t == DType.I32) {
            return onHost("matmul", "on I32 data",
                    () -> HOST.matmul(h(a), h(b), batch, m, k, n, transA, transB, aBatch, bBatch));
        }
        ClStorage x = dev(a), y = dev(b, t);
        ClStorage out = allocate(t, batch * m * n);
        if (k == 0) {
            out.buffer().fill(0);
            return out;
        }
        kernels().matmul(x.buffer(), 0, aBatch ? m * k : 0, y.buffer(), 0, bBatch ? k * n : 0, out.buffer(), 0, m * n,
                batch, m, n, k, transA, transB, 1, 0);
        return out;
    }

    @Override
    public Storage stridedCopy(Storage src, int offset, int[] shape, int[] strides) {
        StridedView v = StridedView.of(shape, strides);
        if (src.dtype() == DType.I32 || v.rank() > ClKernels.MAX_RANK) {
            return onHost("stridedCopy", src.dtype() == DType.I32 ? "on I32 data" : "of rank " + v.rank(),
                    () -> HOST.stridedCopy(h(src), offset, shape, strides));
        }
        ClStorage in = dev(src);
        ClStorage out = allocate(in.dtype(), Shape.numel(shape));
        kernels().gatherStrided(in.buffer(), offset, v.strides()[0], out.buffer(), v.shape());
        return out;
    }

    @Override
    public void stridedAddInto(Storage dst, int offset, int[] shape, int[] strides, Storage src) {
        if (!(dst instanceof ClStorage d) || d.owner() != this) {
            HostStorage hd = toHost(dst);
            if (hd != dst) {
                throw new IllegalArgumentException("stridedAddInto: destination " + dst + " belongs to another backend");
            }
            HOST.stridedAddInto(hd, offset, shape, strides, h(src));
            return;
        }
        StridedView v = StridedView.of(shape, strides);
        boolean distinct = v.distinct(0);
        boolean atomicsMissing = !distinct && d.dtype() == DType.F64 && !device().int64Atomics();
        if (d.dtype() == DType.I32 || v.rank() > ClKernels.MAX_RANK || atomicsMissing) {
            String why = d.dtype() == DType.I32 ? "on I32 data" : atomicsMissing
                    ? "with repeated F64 targets (device lacks cl_khr_int64_base_atomics)" : "of rank " + v.rank();
            logOnce("stridedAddInto" + why, "opencl backend: stridedAddInto " + why + "; computing on the host");
            HostStorage hd = download(d);
            HOST.stridedAddInto(hd, offset, shape, strides, h(src));
            switch (hd.dtype) {
                case F32 -> d.buffer().write(hd.f);
                case F64 -> d.buffer().write(hd.d);
                case I32 -> d.buffer().write(hd.i);
            }
            return;
        }
        ClStorage s = dev(src, d.dtype());
        if (distinct) {
            kernels().addStrided(s.buffer(), v.shape(), d.buffer(), offset, v.strides()[0]);
        } else {
            kernels().scatterAddStrided(s.buffer(), v.shape(), d.buffer(), offset, v.strides()[0]);
        }
    }

    private ClStorage index(Storage index, String op) {
        if (index.dtype() != DType.I32) {
            throw new IllegalArgumentException(op + ": index must be I32, got " + index.dtype());
        }
        return dev(index);
    }

    @Override
    public Storage indexSelect(Storage src, int outer, int dim, int inner, Storage index) {
        if (src.dtype() == DType.I32) {
            return onHost("indexSelect", "on I32 data", () -> HOST.indexSelect(h(src), outer, dim, inner, h(index)));
        }
        ClStorage x = dev(src), idx = index(index, "indexSelect");
        int k = idx.size();
        ClStorage out = allocate(x.dtype(), outer * k * inner);
        kernels().indexSelect(x.buffer(), idx.buffer(), out.buffer(), outer, dim, inner, k);
        return out;
    }

    @Override
    public Storage gather(Storage src, int outer, int dim, int inner, Storage index, int k) {
        if (src.dtype() == DType.I32) {
            return onHost("gather", "on I32 data", () -> HOST.gather(h(src), outer, dim, inner, h(index), k));
        }
        ClStorage x = dev(src), idx = index(index, "gather");
        ClStorage out = allocate(x.dtype(), outer * k * inner);
        kernels().gather(x.buffer(), idx.buffer(), out.buffer(), outer, dim, inner, k);
        return out;
    }

    @Override
    public Storage scatterAdd(Storage src, int outer, int dim, int inner, Storage index, int k, boolean perRow) {
        DType t = src.dtype();
        if (t == DType.I32 || (t == DType.F64 && !device().int64Atomics())) {
            return onHost("scatterAdd", t == DType.I32 ? "on I32 data" : "on F64 (device lacks cl_khr_int64_base_atomics)",
                    () -> HOST.scatterAdd(h(src), outer, dim, inner, h(index), k, perRow));
        }
        ClStorage x = dev(src), idx = index(index, "scatterAdd");
        ClStorage out = (ClStorage) zeros(t, outer * dim * inner);
        if (perRow) {
            kernels().scatterAddRows(x.buffer(), idx.buffer(), out.buffer(), outer, dim, inner, k);
        } else {
            kernels().indexAdd(x.buffer(), idx.buffer(), out.buffer(), outer, dim, inner, k);
        }
        return out;
    }

    @Override
    public Storage topk(Storage x, int rows, int cols, int k, boolean largest) {
        if (k == 0 || rows == 0) {
            return zeros(DType.I32, rows * k);
        }
        if (x.dtype() == DType.I32 || k > ClKernels.MAX_TOPK) {
            String why = x.dtype() == DType.I32 ? "on I32 data"
                    : "with k > " + ClKernels.MAX_TOPK + " has no device kernel";
            return onHost("topk", why, () -> HOST.topk(h(x), rows, cols, k, largest));
        }
        ClStorage in = dev(x);
        ClStorage idx = allocate(DType.I32, rows * k);
        try (ClBuffer values = allocateBuffer(in.dtype(), rows * k)) {
            kernels().topk(in.buffer(), rows, cols, k, largest, values, idx.buffer());
        }
        return idx;
    }
}
