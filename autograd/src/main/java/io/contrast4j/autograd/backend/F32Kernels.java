package io.contrast4j.autograd.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's elementwise and reduction loops for float arrays, computed in float with
 * {@code FloatVector.SPECIES_PREFERRED}; scalar tails use the reference math of {@link ScalarBackend}.
 */
final class F32Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private F32Kernels() {
    }

    /** Whether {@link #unary} has a vector loop for {@code op} (else the caller uses the reference loop). */
    static boolean hasUnary(UnaryOp op, double p1) {
        return switch (op) {
            case GELU, GELU_GRAD -> false;
            case POW_SCALAR -> (float) p1 == p1;
            default -> true;
        };
    }

    /** {@code out[i] = op(x[i])} for {@code i} in {@code [lo, hi)}. */
    static void unary(UnaryOp op, float[] x, float[] out, int lo, int hi, double p1, double p2) {
        int i = lo;
        int up = lo + S.loopBound(hi - lo);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1);
        float a = (float) p1, b = (float) p2;
        switch (op) {
            case NEG -> { for (; i < up; i += L) FloatVector.fromArray(S, x, i).neg().intoArray(out, i); }
            case SQRT -> { for (; i < up; i += L) FloatVector.fromArray(S, x, i).sqrt().intoArray(out, i); }
            case ABS -> { for (; i < up; i += L) FloatVector.fromArray(S, x, i).abs().intoArray(out, i); }
            case RELU -> {
                for (; i < up; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    zero.blend(v, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case STEP -> {
                for (; i < up; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    zero.blend(one, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < up; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.mul(a).blend(v, v.compare(VectorOperators.GT, 0)).intoArray(out, i);
                }
            }
            case CLAMP -> { for (; i < up; i += L) FloatVector.fromArray(S, x, i).max(a).min(b).intoArray(out, i); }
            case SIGN -> {
                FloatVector minus = FloatVector.broadcast(S, -1);
                for (; i < up; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.blend(one, v.compare(VectorOperators.GT, 0)).blend(minus, v.compare(VectorOperators.LT, 0)).intoArray(out, i);
                }
            }
            case POW_SCALAR -> {
                if (p1 == 2) {
                    for (; i < up; i += L) {
                        FloatVector v = FloatVector.fromArray(S, x, i);
                        v.mul(v).intoArray(out, i);
                    }
                }
            }
            case AFFINE -> {
                FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
                for (; i < up; i += L) FloatVector.fromArray(S, x, i).fma(va, vb).intoArray(out, i);
            }
            default -> {
                // EXP, LOG, LOG1P, TANH, SIGMOID, SOFTPLUS, GELU, GELU_GRAD, POW_SCALAR != 2: the scalar tail below, so results
                // are bit-identical whether this code is interpreted or compiled (see ScalarBackend.unary)
            }
        }
        for (; i < hi; i++) out[i] = (float) ScalarBackend.unary(op, x[i], p1, p2);
    }

    /**
     * {@code out[oi + t] = op(a[ai + t*as], b[bi + t*bs])} for {@code t < len}, with {@code as, bs} in {0, 1}: a stride
     * of 0 must point at {@code L} copies of the scalar operand (see {@link #splat}).
     */
    static void binary(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int len) {
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
        for (; t < len; t++) out[oi + t] = (float) ScalarBackend.binary(op, a[ai + t * as], b[bi + t * bs]);
    }

    /** Lane sum in a fixed order (reduceLanes(ADD) leaves the order open, so it may differ between interpreter and C2). */
    private static float sumLanes(FloatVector v) {
        float[] lanes = v.toArray();
        float s = 0;
        for (float x : lanes) s += x;
        return s;
    }

    /** Max (or min) over lanes in index order with Math.max/min semantics (NaN wins, -0 < +0), the same in every JIT state. */
    private static float foldLanes(FloatVector v, boolean max) {
        float[] lanes = v.toArray();
        float r = lanes[0];
        for (int i = 1; i < lanes.length; i++) r = max ? Math.max(r, lanes[i]) : Math.min(r, lanes[i]);
        return r;
    }

    private static FloatVector ld(float[] x, int off) {
        return FloatVector.fromArray(S, x, off);
    }

    private static FloatVector cmp(VectorMask<Float> m) {
        return FloatVector.zero(S).blend(FloatVector.broadcast(S, 1), m);
    }

    /** {@code L} copies of {@code v}, the operand for a stride-0 argument of {@link #binary}. */
    static float[] splat(float v) {
        float[] r = new float[L];
        java.util.Arrays.fill(r, v);
        return r;
    }

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}. */
    static void where(float[] mask, float[] a, float[] b, float[] out, int lo, int hi) {
        int i = lo, up = lo + S.loopBound(hi - lo);
        for (; i < up; i += L) {
            FloatVector m = FloatVector.fromArray(S, mask, i);
            FloatVector.fromArray(S, b, i).blend(FloatVector.fromArray(S, a, i), m.compare(VectorOperators.NE, 0)).intoArray(out, i);
        }
        for (; i < hi; i++) out[i] = mask[i] != 0 ? a[i] : b[i];
    }

    /** Reduces a contiguous run {@code x[off .. off+len)} to one value. */
    static float reduceRun(ReduceOp op, float[] x, int off, int len) {
        int t = 0, up = len >= 4 * L ? (len / (4 * L)) * (4 * L) : 0;
        float init = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        float r;
        if (up > 0) {
            FloatVector v0 = FloatVector.broadcast(S, init), v1 = v0, v2 = v0, v3 = v0;
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

    static float combine(ReduceOp op, float acc, float v) {
        return switch (op) {
            case SUM -> acc + v;
            case MAX -> Float.isNaN(v) || v > acc ? v : acc;
            case MIN -> Float.isNaN(v) || v < acc ? v : acc;
        };
    }

    /** {@code acc[ao + i] = op(acc[ao + i], x[xo + i])} for {@code i < len}. */
    static void combineRow(ReduceOp op, float[] acc, int ao, float[] x, int xo, int len) {
        int i = 0, up = S.loopBound(len);
        switch (op) {
            case SUM -> { for (; i < up; i += L) ld(acc, ao + i).add(ld(x, xo + i)).intoArray(acc, ao + i); }
            case MAX -> { for (; i < up; i += L) ld(acc, ao + i).max(ld(x, xo + i)).intoArray(acc, ao + i); }
            case MIN -> { for (; i < up; i += L) ld(acc, ao + i).min(ld(x, xo + i)).intoArray(acc, ao + i); }
        }
        for (; i < len; i++) acc[ao + i] = combine(op, acc[ao + i], x[xo + i]);
    }

    /** {@code dst[do + i] += src[so + i]}. */
    static void addRow(float[] dst, int dOff, float[] src, int sOff, int len) {
        int i = 0, up = S.loopBound(len);
        for (; i < up; i += L) ld(dst, dOff + i).add(ld(src, sOff + i)).intoArray(dst, dOff + i);
        for (; i < len; i++) dst[dOff + i] += src[sOff + i];
    }
}
