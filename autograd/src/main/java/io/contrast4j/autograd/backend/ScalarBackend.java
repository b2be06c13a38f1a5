package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;

/**
 * The readable reference backend: plain loops, one op per method, every value computed in double and stored in the
 * storage's dtype. The Vector API and OpenCL backends are tested against it.
 */
public class ScalarBackend implements Backend {
    public static final ScalarBackend INSTANCE = new ScalarBackend();

    protected ScalarBackend() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    protected static HostStorage h(Storage s) {
        if (s instanceof HostStorage hs) return hs;
        throw new IllegalStateException("CPU backend given a device buffer (" + s.getClass().getSimpleName() + "); download it first");
    }

    @Override
    public Storage upload(HostStorage host) {
        return host;
    }

    @Override
    public HostStorage download(Storage s) {
        return h(s);
    }

    @Override
    public Storage zeros(DType dtype, int n) {
        return HostStorage.zeros(dtype, n);
    }

    @Override
    public Storage full(DType dtype, int n, double value) {
        HostStorage out = HostStorage.zeros(dtype, n);
        for (int k = 0; k < n; k++) out.set(k, value);
        return out;
    }

    @Override
    public Storage cast(Storage x, DType to) {
        HostStorage in = h(x);
        HostStorage out = HostStorage.zeros(to, in.size());
        for (int k = 0; k < in.size(); k++) out.set(k, in.get(k));
        return out;
    }

    /**
     * The math of each unary op, in double. Transcendentals use {@link StrictMath}, whose results are specified to the
     * bit, so training is bit-identical across runs, JIT states and machines (the Vector API backend uses these too).
     */
    public static double unary(UnaryOp op, double x, double p1, double p2) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> StrictMath.exp(x);
            case LOG -> StrictMath.log(x);
            case LOG1P -> StrictMath.log1p(x);
            case SQRT -> StrictMath.sqrt(x);
            case ABS -> Math.abs(x);
            case RELU -> x > 0 ? x : 0;
            case LEAKY_RELU -> x > 0 ? x : p1 * x;
            case SIGMOID -> x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            case TANH -> StrictMath.tanh(x);
            case GELU -> x * normalCdf(x);
            case GELU_GRAD -> normalCdf(x) + x * StrictMath.exp(-0.5 * x * x) / StrictMath.sqrt(2 * Math.PI);
            case SOFTPLUS -> Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
            case CLAMP -> Math.min(Math.max(x, p1), p2);
            case SIGN -> Math.signum(x);
            case POW_SCALAR -> StrictMath.pow(x, p1);
            case AFFINE -> x * p1 + p2;
            case STEP -> x > 0 ? 1 : 0;
        };
    }

    /**
     * Φ(x) = ½(1 + erf(x/√2)) = ½·erfc(−x/√2): the erfc form for x &lt; 0 keeps Φ's relative accuracy in the lower tail
     * (½(1 + erf) cancels to 0 below x ≈ −8, though x·Φ(x) is still a normal float down to x ≈ −13).
     */
    private static double normalCdf(double x) {
        return x < 0 ? 0.5 * Erf.erfc(-x / Math.sqrt(2)) : 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, double p1, double p2) {
        HostStorage in = h(x);
        HostStorage out = HostStorage.zeros(in.dtype, in.size());
        for (int k = 0; k < in.size(); k++) out.set(k, unary(op, in.get(k), p1, p2));
        return out;
    }

    /** The math of each binary op, in double. */
    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> StrictMath.pow(a, b);
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
        };
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        HostStorage x = h(a), y = h(b);
        int n = Shape.numel(outShape);
        HostStorage out = HostStorage.zeros(x.dtype, n);
        int[] sa = Shape.broadcastStrides(aShape, outShape), sb = Shape.broadcastStrides(bShape, outShape);
        int rank = outShape.length;
        int[] idx = new int[rank];
        int ia = 0, ib = 0;
        for (int k = 0; k < n; k++) {
            out.set(k, binary(op, x.get(ia), y.get(ib)));
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < outShape[d]) break;
                ia -= sa[d] * outShape[d];
                ib -= sb[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    @Override
    public Storage where(Storage mask, Storage a, Storage b) {
        HostStorage m = h(mask), x = h(a), y = h(b);
        HostStorage out = HostStorage.zeros(x.dtype, x.size());
        for (int k = 0; k < x.size(); k++) out.set(k, m.get(k) != 0 ? x.get(k) : y.get(k));
        return out;
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, int outer, int r, int inner) {
        HostStorage in = h(x);
        HostStorage out = HostStorage.zeros(in.dtype, outer * inner);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = switch (op) {
                    case SUM -> 0;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    case MIN -> Double.POSITIVE_INFINITY;
                };
                for (int j = 0; j < r; j++) {
                    double v = in.get((o * r + j) * inner + i);
                    acc = switch (op) {
                        case SUM -> acc + v;
                        case MAX -> Double.isNaN(v) || v > acc ? v : acc;
                        case MIN -> Double.isNaN(v) || v < acc ? v : acc;
                    };
                }
                out.set(o * inner + i, acc);
            }
        }
        return out;
    }

    @Override
    public Storage matmul(Storage a, Storage b, int batch, int m, int k, int n, boolean transA, boolean transB,
                          boolean aBatch, boolean bBatch) {
        HostStorage x = h(a), y = h(b);
        HostStorage out = HostStorage.zeros(x.dtype, batch * m * n);
        for (int bt = 0; bt < batch; bt++) {
            int ao = aBatch ? bt * m * k : 0, bo = bBatch ? bt * k * n : 0, co = bt * m * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = x.get(ao + (transA ? p * m + i : i * k + p));
                        double bv = y.get(bo + (transB ? j * k + p : p * n + j));
                        s += av * bv;
                    }
                    out.set(co + i * n + j, s);
                }
            }
        }
        return out;
    }

    @Override
    public Storage stridedCopy(Storage src, int offset, int[] shape, int[] strides) {
        HostStorage in = h(src);
        int n = Shape.numel(shape);
        HostStorage out = HostStorage.zeros(in.dtype, n);
        int[] idx = new int[shape.length];
        int pos = offset;
        for (int k = 0; k < n; k++) {
            out.set(k, in.get(pos));
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d]++;
                pos += strides[d];
                if (idx[d] < shape[d]) break;
                pos -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    @Override
    public void stridedAddInto(Storage dst, int offset, int[] shape, int[] strides, Storage src) {
        HostStorage out = h(dst), in = h(src);
        int n = Shape.numel(shape);
        int[] idx = new int[shape.length];
        int pos = offset;
        for (int k = 0; k < n; k++) {
            out.set(pos, out.get(pos) + in.get(k));
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d]++;
                pos += strides[d];
                if (idx[d] < shape[d]) break;
                pos -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    @Override
    public Storage indexSelect(Storage src, int outer, int dim, int inner, Storage index) {
        HostStorage in = h(src);
        int[] idx = h(index).i;
        int k = idx.length;
        HostStorage out = HostStorage.zeros(in.dtype, outer * k * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int row = checkIndex(idx[j], dim);
                for (int i = 0; i < inner; i++) out.set((o * k + j) * inner + i, in.get((o * dim + row) * inner + i));
            }
        }
        return out;
    }

    @Override
    public Storage gather(Storage src, int outer, int dim, int inner, Storage index, int k) {
        HostStorage in = h(src);
        int[] idx = h(index).i;
        HostStorage out = HostStorage.zeros(in.dtype, outer * k * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < inner; i++) {
                    int q = (o * k + j) * inner + i;
                    out.set(q, in.get((o * dim + checkIndex(idx[q], dim)) * inner + i));
                }
            }
        }
        return out;
    }

    @Override
    public Storage scatterAdd(Storage src, int outer, int dim, int inner, Storage index, int k, boolean perRow) {
        HostStorage in = h(src);
        int[] idx = h(index).i;
        HostStorage out = HostStorage.zeros(in.dtype, outer * dim * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < inner; i++) {
                    int q = (o * k + j) * inner + i;
                    int row = checkIndex(perRow ? idx[q] : idx[j], dim);
                    int t = (o * dim + row) * inner + i;
                    out.set(t, out.get(t) + in.get(q));
                }
            }
        }
        return out;
    }

    @Override
    public Storage topk(Storage x, int rows, int cols, int k, boolean largest) {
        HostStorage in = h(x);
        int[] out = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            boolean[] taken = new boolean[cols];
            for (int j = 0; j < k; j++) {
                int best = -1;
                for (int c = 0; c < cols; c++) {
                    if (taken[c]) continue;
                    if (best < 0) {
                        best = c;
                        continue;
                    }
                    double v = in.get(r * cols + c), bv = in.get(r * cols + best);
                    if (largest ? v > bv : v < bv) best = c;
                }
                taken[best] = true;
                out[r * k + j] = best;
            }
        }
        return HostStorage.of(out);
    }

    protected static int checkIndex(int v, int dim) {
        if (v < 0 || v >= dim) throw new IndexOutOfBoundsException("index " + v + " out of range for dimension of size " + dim);
        return v;
    }
}
