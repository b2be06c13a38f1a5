package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;

import java.util.Arrays;

/**
 * The Vector API backend (jdk.incubator.vector, {@code SPECIES_PREFERRED}): F32 is computed in float, F64 in double.
 * Elementwise ops use vector loops with fast paths for equal shapes, scalar operands and row/column broadcasts; the
 * matrix product is a packed, register-blocked GEMM ({@link SGemm}, {@link DGemm}) run on a fixed pool of one thread
 * per core ({@link Parallel}; cap with {@code -Dc4j.threads=N}). Results do not depend on the thread count.
 * I32 data and the transcendental unary ops use the reference math of {@link ScalarBackend}, except F32 GELU / GELU_GRAD,
 * which have a double-lane kernel built from exactly rounded operations ({@link F32Kernels#gelu}).
 */
public final class VectorBackend extends ScalarBackend {
    public static final VectorBackend INSTANCE = new VectorBackend();

    /** Elementwise kernels split work into chunks of this many elements (fixed, so results never depend on threads). */
    private static final int GRAIN = 1 << 15;

    private VectorBackend() {
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Threads the vector kernels use: the core count, capped by {@code -Dc4j.threads}. */
    public static int threads() {
        return Parallel.threads();
    }

    @Override
    public Storage full(DType dtype, int n, double value) {
        HostStorage out = HostStorage.zeros(dtype, n);
        switch (dtype) {
            case F32 -> Arrays.fill(out.f, (float) value);
            case F64 -> Arrays.fill(out.d, value);
            case I32 -> Arrays.fill(out.i, (int) value);
        }
        return out;
    }

    @Override
    public Storage cast(Storage x, DType to) {
        HostStorage in = h(x);
        if (in.dtype == to) return in.copy();
        if (in.dtype == DType.F32 && to == DType.F64) {
            double[] r = new double[in.f.length];
            for (int k = 0; k < r.length; k++) r[k] = in.f[k];
            return HostStorage.of(r);
        }
        if (in.dtype == DType.F64 && to == DType.F32) {
            float[] r = new float[in.d.length];
            for (int k = 0; k < r.length; k++) r[k] = (float) in.d[k];
            return HostStorage.of(r);
        }
        return super.cast(x, to);
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public Storage unary(UnaryOp op, Storage x, double p1, double p2) {
        HostStorage in = h(x);
        int n = in.size();
        if (in.dtype == DType.F32 && F32Kernels.hasUnary(op, p1)) {
            float[] src = in.f, out = new float[n];
            Parallel.chunks(n, GRAIN, (lo, hi) -> F32Kernels.unary(op, src, out, lo, hi, p1, p2));
            return HostStorage.of(out);
        }
        if (in.dtype == DType.F64 && F64Kernels.hasUnary(op, p1)) {
            double[] src = in.d, out = new double[n];
            Parallel.chunks(n, GRAIN, (lo, hi) -> F64Kernels.unary(op, src, out, lo, hi, p1, p2));
            return HostStorage.of(out);
        }
        return super.unary(op, x, p1, p2);
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        HostStorage x = h(a), y = h(b);
        if (x.dtype != y.dtype || x.dtype == DType.I32) return super.binary(op, a, aShape, b, bShape, outShape);
        int n = Shape.numel(outShape);
        boolean f32 = x.dtype == DType.F32;
        HostStorage out = HostStorage.zeros(x.dtype, n);
        if (n == 0) return out;
        int na = x.size(), nb = y.size();
        if ((na == n || na == 1) && (nb == n || nb == 1)) {
            // equal shapes, or a scalar operand: one flat run
            int as = na == n ? 1 : 0, bs = nb == n ? 1 : 0;
            if (f32) {
                float[] av = as == 1 ? x.f : F32Kernels.splat(x.f[0]), bv = bs == 1 ? y.f : F32Kernels.splat(y.f[0]);
                Parallel.chunks(n, GRAIN, (lo, hi) -> F32Kernels.binary(op, av, lo * as, as, bv, lo * bs, bs, out.f, lo, hi - lo));
            } else {
                double[] av = as == 1 ? x.d : F64Kernels.splat(x.d[0]), bv = bs == 1 ? y.d : F64Kernels.splat(y.d[0]);
                Parallel.chunks(n, GRAIN, (lo, hi) -> F64Kernels.binary(op, av, lo * as, as, bv, lo * bs, bs, out.d, lo, hi - lo));
            }
            return out;
        }
        // general broadcast: coalesce dimensions, then run the innermost one as a vector loop per outer index
        int[] sa = Shape.broadcastStrides(aShape, outShape), sb = Shape.broadcastStrides(bShape, outShape);
        int[][] co = coalesce(outShape, sa, sb);
        int[] shape = co[0], ca = co[1], cb = co[2];
        int rank = shape.length;
        int inner = shape[rank - 1], ia = ca[rank - 1], ib = cb[rank - 1];
        int rows = n / inner;
        int[] aOff = new int[rows], bOff = new int[rows];
        offsets(shape, ca, cb, aOff, bOff);
        int grainRows = Math.max(1, GRAIN / Math.max(1, inner));
        if (f32) {
            Parallel.chunks(rows, grainRows, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    float[] av = ia == 1 ? x.f : F32Kernels.splat(x.f[aOff[r]]), bv = ib == 1 ? y.f : F32Kernels.splat(y.f[bOff[r]]);
                    F32Kernels.binary(op, av, ia == 1 ? aOff[r] : 0, ia, bv, ib == 1 ? bOff[r] : 0, ib, out.f, r * inner, inner);
                }
            });
        } else {
            Parallel.chunks(rows, grainRows, (lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    double[] av = ia == 1 ? x.d : F64Kernels.splat(x.d[aOff[r]]), bv = ib == 1 ? y.d : F64Kernels.splat(y.d[bOff[r]]);
                    F64Kernels.binary(op, av, ia == 1 ? aOff[r] : 0, ia, bv, ib == 1 ? bOff[r] : 0, ib, out.d, r * inner, inner);
                }
            });
        }
        return out;
    }

    /**
     * Merges adjacent dimensions whose strides are contiguous in every operand and drops size-1 dimensions; returns
     * {shape, strides...}. The result has rank at least 1.
     */
    static int[][] coalesce(int[] shape, int[]... strides) {
        int k = strides.length;
        int[] s = new int[Math.max(1, shape.length)];
        int[][] st = new int[k][s.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue;
            boolean merge = r > 0;
            for (int q = 0; q < k && merge; q++) merge = st[q][r - 1] == strides[q][d] * shape[d];
            if (merge) {
                s[r - 1] *= shape[d];
                for (int q = 0; q < k; q++) st[q][r - 1] = strides[q][d];
            } else {
                s[r] = shape[d];
                for (int q = 0; q < k; q++) st[q][r] = strides[q][d];
                r++;
            }
        }
        if (r == 0) {
            s[0] = 1;
            r = 1;
        }
        int[][] res = new int[k + 1][];
        res[0] = Arrays.copyOf(s, r);
        for (int q = 0; q < k; q++) res[q + 1] = Arrays.copyOf(st[q], r);
        return res;
    }

    /** Start offsets of every innermost run (all dimensions but the last) for two operands. */
    private static void offsets(int[] shape, int[] sa, int[] sb, int[] aOff, int[] bOff) {
        int rank = shape.length, rows = aOff.length;
        int[] idx = new int[rank];
        int pa = 0, pb = 0;
        for (int r = 0; r < rows; r++) {
            aOff[r] = pa;
            bOff[r] = pb;
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                pa += sa[d];
                pb += sb[d];
                if (idx[d] < shape[d]) break;
                pa -= sa[d] * shape[d];
                pb -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    @Override
    public Storage where(Storage mask, Storage a, Storage b) {
        HostStorage m = h(mask), x = h(a), y = h(b);
        int n = x.size();
        if (m.dtype == DType.F32 && x.dtype == DType.F32 && y.dtype == DType.F32) {
            float[] out = new float[n];
            Parallel.chunks(n, GRAIN, (lo, hi) -> F32Kernels.where(m.f, x.f, y.f, out, lo, hi));
            return HostStorage.of(out);
        }
        if (m.dtype == DType.F64 && x.dtype == DType.F64 && y.dtype == DType.F64) {
            double[] out = new double[n];
            Parallel.chunks(n, GRAIN, (lo, hi) -> F64Kernels.where(m.d, x.d, y.d, out, lo, hi));
            return HostStorage.of(out);
        }
        return super.where(mask, a, b);
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Storage reduce(ReduceOp op, Storage x, int outer, int r, int inner) {
        HostStorage in = h(x);
        if (in.dtype == DType.I32) return super.reduce(op, x, outer, r, inner);
        boolean f32 = in.dtype == DType.F32;
        HostStorage out = HostStorage.zeros(in.dtype, outer * inner);
        if (outer * inner == 0) return out;
        if (r == 0) {
            double init = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return full(in.dtype, outer * inner, init);
        }
        if (inner == 1) {
            if (outer == 1 && r >= 2 * GRAIN) {
                // one long run: fixed chunks reduced in parallel, partials combined in order
                int chunks = (r + GRAIN - 1) / GRAIN;
                if (f32) {
                    float[] part = new float[chunks];
                    Parallel.forEach(chunks, Parallel.threads(), c -> part[c] = F32Kernels.reduceRun(op, in.f, c * GRAIN, Math.min(r, (c + 1) * GRAIN) - c * GRAIN));
                    float acc = part[0];
                    for (int c = 1; c < chunks; c++) acc = F32Kernels.combine(op, acc, part[c]);
                    out.f[0] = acc;
                } else {
                    double[] part = new double[chunks];
                    Parallel.forEach(chunks, Parallel.threads(), c -> part[c] = F64Kernels.reduceRun(op, in.d, c * GRAIN, Math.min(r, (c + 1) * GRAIN) - c * GRAIN));
                    double acc = part[0];
                    for (int c = 1; c < chunks; c++) acc = F64Kernels.combine(op, acc, part[c]);
                    out.d[0] = acc;
                }
                return out;
            }
            int grainRows = Math.max(1, GRAIN / r);
            if (f32) Parallel.chunks(outer, grainRows, (lo, hi) -> {
                for (int o = lo; o < hi; o++) out.f[o] = F32Kernels.reduceRun(op, in.f, o * r, r);
            });
            else Parallel.chunks(outer, grainRows, (lo, hi) -> {
                for (int o = lo; o < hi; o++) out.d[o] = F64Kernels.reduceRun(op, in.d, o * r, r);
            });
            return out;
        }
        // reduce along r with the inner axis vectorised: out row = combine of r rows, in order
        int grainOuter = Math.max(1, GRAIN / Math.max(1, r * inner));
        if (f32) Parallel.chunks(outer, grainOuter, (lo, hi) -> {
            for (int o = lo; o < hi; o++) {
                System.arraycopy(in.f, o * r * inner, out.f, o * inner, inner);
                for (int j = 1; j < r; j++) F32Kernels.combineRow(op, out.f, o * inner, in.f, (o * r + j) * inner, inner);
            }
        });
        else Parallel.chunks(outer, grainOuter, (lo, hi) -> {
            for (int o = lo; o < hi; o++) {
                System.arraycopy(in.d, o * r * inner, out.d, o * inner, inner);
                for (int j = 1; j < r; j++) F64Kernels.combineRow(op, out.d, o * inner, in.d, (o * r + j) * inner, inner);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ matmul

    @Override
    public Storage matmul(Storage a, Storage b, int batch, int m, int k, int n, boolean transA, boolean transB,
                          boolean aBatch, boolean bBatch) {
        HostStorage x = h(a), y = h(b);
        if (x.dtype != y.dtype || x.dtype == DType.I32) return super.matmul(a, b, batch, m, k, n, transA, transB, aBatch, bBatch);
        HostStorage out = HostStorage.zeros(x.dtype, batch * m * n);
        if (x.dtype == DType.F32) SGemm.batched(x.f, y.f, out.f, batch, m, k, n, transA, transB, aBatch, bBatch);
        else DGemm.batched(x.d, y.d, out.d, batch, m, k, n, transA, transB, aBatch, bBatch);
        return out;
    }

    // ------------------------------------------------------------------ copies and indexing

    @Override
    public Storage stridedCopy(Storage src, int offset, int[] shape, int[] strides) {
        HostStorage in = h(src);
        int n = Shape.numel(shape);
        HostStorage out = HostStorage.zeros(in.dtype, n);
        if (n == 0) return out;
        int[] dense = Shape.strides(shape);
        int[][] co = coalesce(shape, strides, dense);
        int[] s = co[0], st = co[1];
        int rank = s.length;
        int inner = s[rank - 1], is = st[rank - 1];
        Object srcArr = array(in), dstArr = array(out);
        if (rank == 2 && is != 1 && st[0] == 1 && inner > 1) {
            transposeCopy(in, out, offset, s[0], inner, is);
            return out;
        }
        int rows = n / inner;
        int[] offs = new int[rows], unused = new int[rows];
        offsets(s, st, new int[rank], offs, unused);
        if (is == 1) {
            for (int r = 0; r < rows; r++) System.arraycopy(srcArr, offset + offs[r], dstArr, r * inner, inner);
            return out;
        }
        switch (in.dtype) {
            case F32 -> { for (int r = 0; r < rows; r++) { int p = offset + offs[r], q = r * inner; for (int i = 0; i < inner; i++, p += is) out.f[q + i] = in.f[p]; } }
            case F64 -> { for (int r = 0; r < rows; r++) { int p = offset + offs[r], q = r * inner; for (int i = 0; i < inner; i++, p += is) out.d[q + i] = in.d[p]; } }
            case I32 -> { for (int r = 0; r < rows; r++) { int p = offset + offs[r], q = r * inner; for (int i = 0; i < inner; i++, p += is) out.i[q + i] = in.i[p]; } }
        }
        return out;
    }

    /** out[r][c] = in[offset + r + c*cs] for an {@code rows x cols} output: a cache-blocked transpose. */
    private static void transposeCopy(HostStorage in, HostStorage out, int offset, int rows, int cols, int cs) {
        final int B = 32;
        for (int r0 = 0; r0 < rows; r0 += B) {
            int r1 = Math.min(rows, r0 + B);
            for (int c0 = 0; c0 < cols; c0 += B) {
                int c1 = Math.min(cols, c0 + B);
                switch (in.dtype) {
                    case F32 -> { for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) out.f[r * cols + c] = in.f[offset + r + c * cs]; }
                    case F64 -> { for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) out.d[r * cols + c] = in.d[offset + r + c * cs]; }
                    case I32 -> { for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) out.i[r * cols + c] = in.i[offset + r + c * cs]; }
                }
            }
        }
    }

    private static Object array(HostStorage s) {
        return switch (s.dtype) {
            case F32 -> s.f;
            case F64 -> s.d;
            case I32 -> s.i;
        };
    }

    @Override
    public void stridedAddInto(Storage dst, int offset, int[] shape, int[] strides, Storage src) {
        HostStorage out = h(dst), in = h(src);
        int n = Shape.numel(shape);
        boolean overlapFree = true;
        for (int d = 0; d < shape.length; d++) if (strides[d] == 0 && shape[d] > 1) overlapFree = false;
        if (n == 0 || !overlapFree || out.dtype != in.dtype || out.dtype == DType.I32) {
            super.stridedAddInto(dst, offset, shape, strides, src);
            return;
        }
        int[][] co = coalesce(shape, strides, Shape.strides(shape));
        int[] s = co[0], st = co[1];
        int rank = s.length, inner = s[rank - 1];
        if (st[rank - 1] != 1) {
            super.stridedAddInto(dst, offset, shape, strides, src);
            return;
        }
        int rows = n / inner;
        int[] offs = new int[rows], unused = new int[rows];
        offsets(s, st, new int[rank], offs, unused);
        for (int r = 0; r < rows; r++) {
            if (out.dtype == DType.F32) F32Kernels.addRow(out.f, offset + offs[r], in.f, r * inner, inner);
            else F64Kernels.addRow(out.d, offset + offs[r], in.d, r * inner, inner);
        }
    }

    @Override
    public Storage indexSelect(Storage src, int outer, int dim, int inner, Storage index) {
        HostStorage in = h(src);
        int[] idx = h(index).i;
        int k = idx.length;
        HostStorage out = HostStorage.zeros(in.dtype, outer * k * inner);
        Object s = array(in), d = array(out);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int row = checkIndex(idx[j], dim);
                System.arraycopy(s, (o * dim + row) * inner, d, (o * k + j) * inner, inner);
            }
        }
        return out;
    }

    @Override
    public Storage gather(Storage src, int outer, int dim, int inner, Storage index, int k) {
        HostStorage in = h(src);
        if (in.dtype == DType.I32) return super.gather(src, outer, dim, inner, index, k);
        int[] idx = h(index).i;
        HostStorage out = HostStorage.zeros(in.dtype, outer * k * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int q = (o * k + j) * inner;
                int base = o * dim * inner;
                if (in.dtype == DType.F32) {
                    for (int i = 0; i < inner; i++) out.f[q + i] = in.f[base + checkIndex(idx[q + i], dim) * inner + i];
                } else {
                    for (int i = 0; i < inner; i++) out.d[q + i] = in.d[base + checkIndex(idx[q + i], dim) * inner + i];
                }
            }
        }
        return out;
    }

    @Override
    public Storage scatterAdd(Storage src, int outer, int dim, int inner, Storage index, int k, boolean perRow) {
        HostStorage in = h(src);
        if (in.dtype == DType.I32) return super.scatterAdd(src, outer, dim, inner, index, k, perRow);
        int[] idx = h(index).i;
        HostStorage out = HostStorage.zeros(in.dtype, outer * dim * inner);
        boolean f32 = in.dtype == DType.F32;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int q = (o * k + j) * inner;
                if (!perRow) {
                    int t = (o * dim + checkIndex(idx[j], dim)) * inner;
                    if (f32) F32Kernels.addRow(out.f, t, in.f, q, inner);
                    else F64Kernels.addRow(out.d, t, in.d, q, inner);
                } else {
                    int base = o * dim * inner;
                    if (f32) for (int i = 0; i < inner; i++) out.f[base + checkIndex(idx[q + i], dim) * inner + i] += in.f[q + i];
                    else for (int i = 0; i < inner; i++) out.d[base + checkIndex(idx[q + i], dim) * inner + i] += in.d[q + i];
                }
            }
        }
        return out;
    }

    /** Top-k per row by one pass with a sorted buffer of the best k (ties keep the lower index), as the reference. */
    @Override
    public Storage topk(Storage x, int rows, int cols, int k, boolean largest) {
        HostStorage in = h(x);
        if (in.dtype == DType.I32) return super.topk(x, rows, cols, k, largest);
        int[] out = new int[rows * k];
        if (k == 0) return HostStorage.of(out);
        double[] val = new double[k];
        int[] pos = new int[k];
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) row[c] = in.dtype == DType.F32 ? in.f[r * cols + c] : in.d[r * cols + c];
            int size = 0;
            for (int c = 0; c < cols; c++) {
                double v = row[c];
                if (Double.isNaN(v)) { // the reference never prefers NaN: fall back to it for exact agreement
                    size = -1;
                    break;
                }
                if (size == k && !(largest ? v > val[k - 1] : v < val[k - 1])) continue;
                int p = size == k ? k - 1 : size;
                while (p > 0 && (largest ? v > val[p - 1] : v < val[p - 1])) {
                    val[p] = val[p - 1];
                    pos[p] = pos[p - 1];
                    p--;
                }
                val[p] = v;
                pos[p] = c;
                if (size < k) size++;
            }
            if (size < 0) {
                HostStorage one = in.dtype == DType.F32 ? HostStorage.of(Arrays.copyOfRange(in.f, r * cols, (r + 1) * cols))
                        : HostStorage.of(Arrays.copyOfRange(in.d, r * cols, (r + 1) * cols));
                System.arraycopy(h(super.topk(one, 1, cols, k, largest)).i, 0, out, r * k, k);
            } else {
                System.arraycopy(pos, 0, out, r * k, k);
            }
        }
        return HostStorage.of(out);
    }
}
