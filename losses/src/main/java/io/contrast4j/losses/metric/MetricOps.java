package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.IndicesTuple;

/**
 * Shared building blocks of the pair and triplet losses: label masks as constant tensors, the masked row-wise
 * log-sum-exp of PML's {@code lmu.logsumexp} (with {@code add_one}), masked means and cumulative sums.
 */
public final class MetricOps {
    private MetricOps() {
    }

    /** Constant (rows x cols) tensor in {@code dt} from a row-major array. */
    public static Tensor constant(double[] v, DType dt, int... shape) {
        return Tensor.of(v, shape).to(dt);
    }

    /** 1 where {@code labels[i] == ref[j]} (positive) or {@code !=} (negative); the diagonal is excluded from positives when {@code sameSet}. */
    public static Tensor labelMask(int[] labels, int[] ref, boolean sameSet, boolean positive, DType dt) {
        double[] m = new double[labels.length * ref.length];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < ref.length; j++) {
                boolean same = labels[i] == ref[j];
                if (positive ? same && !(sameSet && i == j) : !same) m[i * ref.length + j] = 1;
            }
        }
        return constant(m, dt, labels.length, ref.length);
    }

    /** Positive-pair and negative-pair masks (N x M) of a pairs tuple. */
    public static Tensor[] pairMasks(IndicesTuple pairs, int n, int m, DType dt) {
        double[] pos = new double[n * m], neg = new double[n * m];
        for (int k = 0; k < pairs.a1().length; k++) pos[pairs.a1()[k] * m + pairs.p()[k]] = 1;
        for (int k = 0; k < pairs.a2().length; k++) neg[pairs.a2()[k] * m + pairs.n()[k]] = 1;
        return new Tensor[]{constant(pos, dt, n, m), constant(neg, dt, n, m)};
    }

    /** Number of ones per row of a 0/1 mask. */
    public static double[] rowCounts(Tensor mask) {
        double[] v = mask.toDoubleArray();
        int cols = mask.dim(1);
        double[] c = new double[mask.dim(0)];
        for (int i = 0; i < v.length; i++) c[i / cols] += v[i];
        return c;
    }

    /**
     * Row-wise log Σ_{j: mask} e^{x_ij} (max-shifted; PML {@code logsumexp(keep_mask, add_one)}); with {@code addOne}
     * a 0 logit is appended (log(1 + Σ e^x)). Rows with no kept entry give 0 (and a zero gradient, never NaN).
     */
    public static Tensor maskedLse(Tensor x, Tensor mask, boolean addOne) {
        DType dt = x.dtype();
        Tensor xm = Tensor.where(mask, x, Tensor.scalar(Double.NEGATIVE_INFINITY, dt));
        double[] xs = xm.detach().toDoubleArray();
        int rows = x.dim(0), cols = x.dim(1);
        double[] mx = new double[rows], empty = new double[rows];
        for (int i = 0; i < rows; i++) {
            double m = addOne ? 0 : Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) m = Math.max(m, xs[i * cols + j]);
            if (m == Double.NEGATIVE_INFINITY) {
                m = 0;
                empty[i] = 1;
            }
            mx[i] = m;
            if (addOne) empty[i] = Math.exp(-m);
        }
        Tensor m = constant(mx, dt, rows, 1);
        Tensor s = xm.sub(m).exp().sum(new int[]{1}, false).add(constant(empty, dt, rows));
        return s.log().add(m.reshape(rows));
    }

    /** Row-wise masked mean; rows with no kept entry give 0. */
    public static Tensor maskedRowMean(Tensor x, Tensor mask) {
        double[] c = rowCounts(mask);
        for (int i = 0; i < c.length; i++) c[i] = c[i] == 0 ? 0 : 1 / c[i];
        return x.mul(mask).sum(new int[]{1}, false).mul(constant(c, x.dtype(), c.length));
    }

    /** Inclusive cumulative sum along the last axis of a (rows x n) or (n) tensor, on the graph. */
    public static Tensor cumsumLast(Tensor x) {
        int n = x.dim(x.rank() - 1);
        double[] tri = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) tri[i * n + j] = 1; // out_j = Σ_{i<=j} x_i
        Tensor t = constant(tri, x.dtype(), n, n);
        if (x.rank() == 1) return x.reshape(1, n).matmul(t).reshape(n);
        return x.matmul(t);
    }

    /** Indices of the true entries. */
    public static int[] where(boolean[] b) {
        int c = 0;
        for (boolean v : b) if (v) c++;
        int[] r = new int[c];
        c = 0;
        for (int i = 0; i < b.length; i++) if (b[i]) r[c++] = i;
        return r;
    }

    /** Whether the labels contain at least one positive pair and one negative pair. */
    public static boolean hasPosAndNeg(int[] labels) {
        boolean pos = false, neg = false;
        for (int i = 0; i < labels.length; i++) {
            for (int j = i + 1; j < labels.length; j++) {
                if (labels[i] == labels[j]) pos = true;
                else neg = true;
            }
        }
        return pos && neg;
    }

    /** DType from the {@code dtype} parameter (F32 default). */
    public static DType dtype(io.contrast4j.autograd.registry.Params p) {
        String s = p.getString("dtype", "F32");
        try {
            DType d = DType.valueOf(s.toUpperCase(java.util.Locale.ROOT));
            if (!d.isFloating()) throw new IllegalArgumentException();
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'dtype' must be F32 or F64, got '" + s + "'");
        }
    }
}
