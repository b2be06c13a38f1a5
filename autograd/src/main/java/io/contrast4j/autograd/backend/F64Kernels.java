package io.contrast4j.autograd.backend;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's elementwise and reduction loops for double arrays, computed in double with
 * {@code DoubleVector.SPECIES_PREFERRED}; scalar tails use the reference math of {@link ScalarBackend}.
 */
final class F64Kernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private F64Kernels() {
    }

    /** Whether {@link #unary} has a vector loop for {@code op} (else the caller uses the reference loop). */
    static boolean hasUnary(UnaryOp op, double p1) {
        return switch (op) {
            case GELU, GELU_GRAD -> false;
            case POW_SCALAR -> true;
            default -> true;
        };
    }

    /** {@code out[i] = op(x[i])} for {@code i} in {@code [lo, hi)}. */
    static void unary(UnaryOp op, double[] x, double[] out, int lo, int hi, double p1, double p2) {
        int i = lo;
        int up = lo + S.loopBound(hi - lo);
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1);
        double a = (double) p1, b = (double) p2;
        switch (op) {
            case NEG -> { for (; i < up; i += L) DoubleVector.fromArray(S, x, i).neg().intoArray(out, i); }
            case SQRT -> { for (; i < up; i += L) DoubleVector.fromArray(S, x, i).sqrt().intoArray(out, i); }
            case ABS -> { for (; i < up; i += L) DoubleVector.fromArray(S, x, i).abs().intoArray(out, i); }
            case RELU -> {
                for (; i < up; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, x, i);
                    zero.blend(v, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case STEP -> {
                for (; i < up; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, x, i);
                    zero.blend(one, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < up; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, x, i);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case CLAMP -> { for (; i < up; i += L) DoubleVector.fromArray(S, x, i).max(a).min(b).intoArray(out, i); }
            case SIGN -> {
                DoubleVector minus = DoubleVector.broadcast(S, -1);
                for (; i < up; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, x, i);
                    v.blend(one, v.compare(VectorOperators.GT, 0)).blend(minus, v.compare(VectorOperators.LT, 0)).intoArray(out, i);
                }
            }
            case POW_SCALAR -> {
                if (p1 == 2) {
                    for (; i < up; i += L) {
                        DoubleVector v = DoubleVector.fromArray(S, x, i);
                        v.mul(v).intoArray(out, i);
                    }
                }
            }
            case AFFINE -> {
                DoubleVector va = DoubleVector.broadcast(S, a), vb = DoubleVector.broadcast(S, b);
                for (; i < up; i += L) DoubleVector.fromArray(S, x, i).fma(va, vb).intoArray(out, i);
            }
            default -> {
                // EXP, LOG, LOG1P, TANH, SIGMOID, SOFTPLUS, GELU, GELU_GRAD, POW_SCALAR != 2: the scalar tail below, so results
                // are bit-identical whether this code is interpreted or compiled (see ScalarBackend.unary)
            }
        }
        for (; i < hi; i++) out[i] = (double) ScalarBackend.unary(op, x[i], p1, p2);
    }

    /**
     * {@code out[oi + t] = op(a[ai + t*as], b[bi + t*bs])} for {@code t < len}, with {@code as, bs} in {0, 1}: a stride
     * of 0 must point at {@code L} copies of the scalar operand (see {@link #splat}).
     */
    static void binary(BinaryOp op, double[] a, int ai, int as, double[] b, int bi, int bs, double[] out, int oi, int len) {
        int t = 0;
        int up = S.loopBound(len);
        switch (op) {
            case ADD -> { for (; t < up; t += L) ld(a, ai + t * as).add(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case SUB -> { for (; t < up; t += L) ld(a, ai + t * as).sub(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case MUL -> { for (; t < up; t += L) ld(a, ai + t * as).mul(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case DIV -> { for (; t < up; t += L) ld(a, ai + t * as).div(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case MIN -> { for (; t < up; t += L) ld(a, ai + t * as).min(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case MAX -> { for (; t < up; t += L) ld(a, ai + t * as).max(ld(b, bi + t * bs)).intoArray(out, oi + t); }
            case POW -> { } // scalar tail: StrictMath.pow, identical interpreted or compiled
            case GT -> { for (; t < up; t += L) cmp(ld(a, ai + t * as).compare(VectorOperators.GT, ld(b, bi + t * bs))).intoArray(out, oi + t); }
            case GE -> { for (; t < up; t += L) cmp(ld(a, ai + t * as).compare(VectorOperators.GE, ld(b, bi + t * bs))).intoArray(out, oi + t); }
            case LT -> { for (; t < up; t += L) cmp(ld(a, ai + t * as).compare(VectorOperators.LT, ld(b, bi + t * bs))).intoArray(out, oi + t); }
            case LE -> { for (; t < up; t += L) cmp(ld(a, ai + t * as).compare(VectorOperators.LE, ld(b, bi + t * bs))).intoArray(out, oi + t); }
            case EQ -> { for (; t < up; t += L) cmp(ld(a, ai + t * as).compare(VectorOperators.EQ, ld(b, bi + t * bs))).intoArray(out, oi + t); }
        }
        for (; t < len; t++) out[oi + t] = (double) ScalarBackend.binary(op, a[ai + t * as], b[bi + t * bs]);
    }

    /** Lane sum in a fixed order (reduceLanes(ADD) leaves the order open, so it may differ between interpreter and C2). */
    private static double sumLanes(DoubleVector v) {
        double[] lanes = v.toArray();
        double s = 0;
        for (double x : lanes) s += x;
        return s;
    }

    /** Max (or min) over lanes in index order with Math.max/min semantics (NaN wins, -0 < +0), the same in every JIT state. */
    private static double foldLanes(DoubleVector v, boolean max) {
        double[] lanes = v.toArray();
        double r = lanes[0];
        for (int i = 1; i < lanes.length; i++) r = max ? Math.max(r, lanes[i]) : Math.min(r, lanes[i]);
        return r;
    }

    private static DoubleVector ld(double[] x, int off) {
        return DoubleVector.fromArray(S, x, off);
    }

    private static DoubleVector cmp(VectorMask<Double> m) {
        return DoubleVector.zero(S).blend(DoubleVector.broadcast(S, 1), m);
    }

    /** {@code L} copies of {@code v}, the operand for a stride-0 argument of {@link #binary}. */
    static double[] splat(double v) {
        double[] r = new double[L];
        java.util.Arrays.fill(r, v);
        return r;
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}. */
    static void where(double[] mask, double[] a, double[] b, double[] out, int lo, int hi) {
        int i = lo, up = lo + S.loopBound(hi - lo);
        for (; i < up; i += L) {
            DoubleVector m = DoubleVector.fromArray(S, mask, i);
            DoubleVector.fromArray(S, b, i).blend(DoubleVector.fromArray(S, a, i), m.compare(VectorOperators.NE, 0)).intoArray(out, i);
        }
        for (; i < hi; i++) out[i] = mask[i] != 0 ? a[i] : b[i];
    }

    /** Reduces a contiguous run {@code x[off .. off+len)} to one value. */
    static double reduceRun(ReduceOp op, double[] x, int off, int len) {
        int t = 0, up = len >= 4 * L ? (len / (4 * L)) * (4 * L) : 0;
        double init = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double r;
        if (up > 0) {
            DoubleVector v0 = DoubleVector.broadcast(S, init), v1 = v0, v2 = v0, v3 = v0;
            switch (op) {
                case SUM -> {
                    for (; t < up; t += 4 * L) {
                        v0 = v0.add(ld(x, off + t));
                        v1 = v1.add(ld(x, off + t + L));
                        v2 = v2.add(ld(x, off + t + 2 * L));
                        v3 = v3.add(ld(x, off + t + 3 * L));
                    }
                    r = sumLanes(v0.add(v1).add(v2.add(v3)));
                }
                case MAX -> {
                    for (; t < up; t += 4 * L) {
                        v0 = v0.max(ld(x, off + t));
                        v1 = v1.max(ld(x, off + t + L));
                        v2 = v2.max(ld(x, off + t + 2 * L));
                        v3 = v3.max(ld(x, off + t + 3 * L));
                    }
                    r = foldLanes(v0.max(v1).max(v2.max(v3)), true);
                }
                default -> {
                    for (; t < up; t += 4 * L) {
                        v0 = v0.min(ld(x, off + t));
                        v1 = v1.min(ld(x, off + t + L));
                        v2 = v2.min(ld(x, off + t + 2 * L));
                        v3 = v3.min(ld(x, off + t + 3 * L));
                    }
                    r = foldLanes(v0.min(v1).min(v2.min(v3)), false);
                }
            }
        } else {
            r = init;
        }
        for (; t < len; t++) r = combine(op, r, x[off + t]);
        return r;
    }

    static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM -> acc + v;
            case MAX -> Double.isNaN(v) || v > acc ? v : acc;
            case MIN -> Double.isNaN(v) || v < acc ? v : acc;
        };
    }

    /** {@code acc[ao + i] = op(acc[ao + i], x[xo + i])} for {@code i < len}. */
    static void combineRow(ReduceOp op, double[] acc, int ao, double[] x, int xo, int len) {
        int i = 0, up = S.loopBound(len);
        switch (op) {
            case SUM -> { for (; i < up; i += L) ld(acc, ao + i).add(ld(x, xo + i)).intoArray(acc, ao + i); }
            case MAX -> { for (; i < up; i += L) ld(acc, ao + i).max(ld(x, xo + i)).intoArray(acc, ao + i); }
            case MIN -> { for (; i < up; i += L) ld(acc, ao + i).min(ld(x, xo + i)).intoArray(acc, ao + i); }
        }
        for (; i < len; i++) acc[ao + i] = combine(op, acc[ao + i], x[xo + i]);
    }

    /** {@code dst[do + i] += src[so + i]}. */
    static void addRow(double[] dst, int dOff, double[] src, int sOff, int len) {
        int i = 0, up = S.loopBound(len);
        for (; i < up; i += L) ld(dst, dOff + i).add(ld(src, sOff + i)).intoArray(dst, dOff + i);
        for (; i < len; i++) dst[dOff + i] += src[sOff + i];
    }
}
