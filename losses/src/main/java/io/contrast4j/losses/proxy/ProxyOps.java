package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;

import java.util.Arrays;

/**
 * Shared pieces of the proxy and margin-softmax heads: parameter reading (PML names {@code num_classes},
 * {@code embedding_size}, plus {@code dtype} and {@code seed}), PyTorch-equivalent initialisers, cross-entropy,
 * PML's {@code logsumexp(add_one=True)} and {@code convert_to_weights}, and a host matrix inverse.
 */
public final class ProxyOps {
    private ProxyOps() {
    }

    /** {@code dtype} parameter: F32 (default) or F64. */
    public static DType dtype(Params p) {
        String s = p.getString("dtype", "F32").toUpperCase(java.util.Locale.ROOT);
        return switch (s) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            default -> throw new IllegalArgumentException("parameter 'dtype' must be F32 or F64, got '" + p.getString("dtype", "") + "'");
        };
    }

    /** A required positive integer parameter. */
    public static int requiredInt(Params p, String name, String lossId) {
        if (!p.has(name)) throw new IllegalArgumentException(lossId + ": parameter '" + name + "' is required");
        int v = p.getInt(name, 0);
        if (v <= 0) throw new IllegalArgumentException(lossId + ": parameter '" + name + "' must be > 0, got " + v);
        return v;
    }

    public static int positiveInt(Params p, String name, int def) {
        int v = p.getInt(name, def);
        if (v <= 0) throw new IllegalArgumentException("parameter '" + name + "' must be > 0, got " + v);
        return v;
    }

    public static long seed(Params p) {
        return p.getInt("seed", 0);
    }

    /** A leaf marked trainable. */
    public static Tensor learnable(Tensor t) {
        return t.requiresGrad(true);
    }

    /** N(0, std²) entries (torch.nn.init.normal_ with std). */
    public static Tensor normal(DType dtype, Rng rng, double std, int rows, int cols) {
        return Tensor.randn(dtype, rng, rows, cols).mul(std).detach();
    }

    /**
     * torch.nn.init.kaiming_normal_(mode='fan_out') of a {@code rows x cols} tensor: fan_out = rows, gain √2, so
     * std = √(2 / rows) (PML Proxy-Anchor proxies, shape num_classes x embedding_size).
     */
    public static Tensor kaimingNormalFanOut(DType dtype, Rng rng, int rows, int cols) {
        return normal(dtype, rng, Math.sqrt(2.0 / rows), rows, cols);
    }

    /** torch.nn.init.kaiming_uniform_(a) with the given fan_in: bound = √(2/(1+a²))·√(3/fan_in). */
    public static Tensor kaimingUniform(DType dtype, Rng rng, double a, int fanIn, int rows, int cols) {
        double bound = Math.sqrt(2.0 / (1 + a * a)) * Math.sqrt(3.0 / fanIn);
        return Tensor.rand(dtype, rng, -bound, bound, rows, cols);
    }

    /** torch.nn.init.xavier_normal_: std = gain·√(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(DType dtype, Rng rng, double gain, int rows, int cols) {
        return normal(dtype, rng, gain * Math.sqrt(2.0 / (rows + cols)), rows, cols);
    }

    /** Per-row cross-entropy −log softmax(logits)[y] (length N). */
    public static Tensor crossEntropyRows(Tensor logits, int[] labels) {
        int n = labels.length;
        Tensor target = logits.gather(1, Tensor.ofInts(labels, n, 1)).reshape(n);
        return logits.logsumexp(1).sub(target);
    }

    /** One-hot N x C matrix of {@code dtype}. */
    public static Tensor oneHot(int[] labels, int numClasses, DType dtype) {
        return Tensor.oneHot(Tensor.ofInts(labels, labels.length), numClasses, dtype);
    }

    /** A constant mask tensor (0/1) of the given shape. */
    public static Tensor mask(boolean[] keep, DType dtype, int... shape) {
        HostStorage h = HostStorage.zeros(dtype, keep.length);
        for (int i = 0; i < keep.length; i++) if (keep[i]) h.set(i, 1);
        return Tensor.wrap(h, shape);
    }

    /**
     * PML {@code logsumexp(x, keep_mask, add_one=True, dim)}: log(1 + Σ_{kept} e^x) along {@code axis}; slices with no
     * kept entry give 0. Masked entries carry no gradient.
     */
    public static Tensor logOnePlusSumExp(Tensor x, Tensor keepMask, int axis) {
        Tensor masked = Tensor.where(keepMask, x, Tensor.scalar(Double.NEGATIVE_INFINITY, x.dtype()));
        int[] zshape = x.shape();
        zshape[axis] = 1;
        Tensor withZero = Tensor.concat(java.util.List.of(masked, Tensor.zeros(x.dtype(), zshape)), axis);
        return withZero.logsumexp(axis);
    }

    /**
     * PML {@code convert_to_weights}: each sample's share of appearances in the mined tuple, divided by the largest
     * share (so the most used sample has weight 1, unused ones 0). No tuple (or an empty one): all ones.
     */
    public static double[] minerWeights(IndicesTuple mined, int n) {
        double[] w = new double[n];
        if (mined == null || mined.size() == 0) {
            Arrays.fill(w, 1);
            return w;
        }
        int[][] parts = mined.triplets() ? new int[][]{mined.a1(), mined.p(), mined.n()} : new int[][]{mined.a1(), mined.p(), mined.a2(), mined.n()};
        double[] counts = new double[n];
        for (int[] part : parts) {
            for (int i : part) {
                if (i < 0 || i >= n) throw new IllegalArgumentException("mined index " + i + " outside the batch of " + n);
                counts[i]++;
            }
        }
        double max = Arrays.stream(counts).max().orElse(1);
        for (int i = 0; i < n; i++) w[i] = counts[i] / max;
        return w;
    }

    /** True when every weight is 1 (no miner weighting to apply). */
    public static boolean allOnes(double[] w) {
        for (double v : w) if (v != 1) return false;
        return true;
    }

    /** Inverse of a dense n x n row-major matrix by Gauss-Jordan elimination with partial pivoting. */
    public static double[] inverse(double[] a, int n) {
        double[] m = a.clone();
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) inv[i * n + i] = 1;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
            if (Math.abs(m[piv * n + c]) < 1e-300) throw new IllegalArgumentException("matrix is singular (column " + c + ")");
            if (piv != c) {
                swapRows(m, n, piv, c);
                swapRows(inv, n, piv, c);
            }
            double d = m[c * n + c];
            for (int j = 0; j < n; j++) {
                m[c * n + j] /= d;
                inv[c * n + j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = m[r * n + c];
                if (f == 0) continue;
                for (int j = 0; j < n; j++) {
                    m[r * n + j] -= f * m[c * n + j];
                    inv[r * n + j] -= f * inv[c * n + j];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] m, int n, int a, int b) {
        for (int j = 0; j < n; j++) {
            double t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }

    /** Replaces a parameter's values (shape kept), e.g. to set proxies to known values in tests or when loading. */
    public static void set(Tensor param, double[] values) {
        if (values.length != param.numel()) {
            throw new IllegalArgumentException("expected " + param.numel() + " values for a parameter of shape " + Arrays.toString(param.shape()) + ", got " + values.length);
        }
        HostStorage h = HostStorage.zeros(param.dtype(), values.length);
        for (int i = 0; i < values.length; i++) h.set(i, values[i]);
        param.assign(h);
    }
}
