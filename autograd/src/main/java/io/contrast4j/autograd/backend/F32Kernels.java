package io.contrast4j.autograd.backend;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector backend's elementwise and reduction loops for float arrays, computed in float with
 * {@code FloatVector.SPECIES_PREFERRED}; scalar tails use the reference math of {@link ScalarBackend}. GELU and its
 * derivative are computed in double lanes ({@link #gelu}) from exactly rounded operations only, so they are
 * bit-identical interpreted or compiled and whatever the array length or offset.
 */
final class F32Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private F32Kernels() {
    }

    /** Whether {@link #unary} has a vector loop for {@code op} (else the caller uses the reference loop). */
    static boolean hasUnary(UnaryOp op, double p1) {
        return switch (op) {
            case POW_SCALAR -> (float) p1 == p1;
            default -> true;
        };
    }

    /** {@code out[i] = op(x[i])} for {@code i} in {@code [lo, hi)}. */
    static void unary(UnaryOp op, float[] x, float[] out, int lo, int hi, double p1, double p2) {
        if (op == UnaryOp.GELU || op == UnaryOp.GELU_GRAD) {
            gelu(op == UnaryOp.GELU_GRAD, x, out, lo, hi);
            return;
        }
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
                // EXP, LOG, LOG1P, TANH, SIGMOID, SOFTPLUS, POW_SCALAR != 2: the scalar tail below, so results
                // are bit-identical whether this code is interpreted or compiled (see ScalarBackend.unary)
            }
        }
        for (; i < hi; i++) out[i] = (float) ScalarBackend.unary(op, x[i], p1, p2);
    }

    // ------------------------------------------------------------------ GELU

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Elements converted to double per block: a multiple of the double lane count. */
    private static final int GELU_BLOCK = Math.max(256, D.length());
    private static final double INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)
    /**
     * Hart (1968) algorithm 5666 as printed by West, "Better approximations to cumulative normal functions" (Wilmott,
     * 2005): Φ(−a) = e^(−a²/2)·HN(a)/HD(a), HN = Σ HNᵢ a^(6−i), HD = Σ HDᵢ a^(7−i); relative error below 1e-10 for a &lt; 5.
     */
    private static final double HN0 = 0.0352624965998911, HN1 = 0.700383064443688, HN2 = 6.37396220353165,
            HN3 = 33.912866078383, HN4 = 112.079291497871, HN5 = 221.213596169931, HN6 = 220.206867912376;
    private static final double HD0 = 0.0883883476483184, HD1 = 1.75566716318264, HD2 = 16.064177579207,
            HD3 = 86.7807322029461, HD4 = 296.564248779674, HD5 = 637.333633378831, HD6 = 793.826512519948,
            HD7 = 440.413735824752;
    /** Hart's rational is used below this |x|, the Laplace continued fraction from here on. */
    private static final double HART_MAX = 5;
    /** Levels of the continued fraction (its relative error is 6e-11 at |x| = 5 and falls fast beyond). */
    private static final int CF_LEVELS = 12;
    /** |x| is clamped here inside the rational parts; e^(−x²/2) is already below 1e-300 there. */
    private static final double A_MAX = 40;
    private static final double LOG2E = 1.4426950408889634, LN2_HI = 0.6931471805599453, LN2_LO = 2.3190468138462996e-17;
    /** 1.5·2^52: adding it rounds a double of magnitude &lt; 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUND = 0x1.8p52;

    /**
     * Exact GELU x·Φ(x) (or its derivative Φ(x) + x·φ(x) when {@code grad}) for {@code x[lo, hi)}. Each float is
     * widened to double, where x² is exact; with a = |x|, Φ(−a) = e^(−a²/2)·R(a) takes R from Hart's rational for
     * a &lt; 5 and from the continued fraction R(a) = 1/(√(2π)·(a + 1/(a + 2/(a + 3/(…))))) beyond, and e^(−a²/2) from
     * a Cody–Waite reduction by ln2, a Taylor polynomial and an exponent built from bits. Then for x ≥ 0 GELU =
     * x·(1 − e·R) and GELU' = 1 + e·(a/√(2π) − R); for x &lt; 0 GELU = x·e·R and GELU' = −e·(a/√(2π) − R), so the lower
     * tail keeps its relative accuracy and the zero of GELU' (x ≈ −0.7518) is resolved to double precision. The
     * relative error before the final rounding to float is below 1e-10. Only add, mul, div, fma, min, abs, compare,
     * blend and integer bit operations are used (no Vector API transcendental, whose compiled form may differ in the
     * last bit from the interpreted one), and the last partial block is padded to whole vectors, so every element goes
     * through the same lanes: results never depend on the JIT state, the array length or the position of the element.
     */
    static void gelu(boolean grad, float[] x, float[] out, int lo, int hi) {
        int ld = D.length();
        double[] buf = new double[GELU_BLOCK];
        for (int s = lo; s < hi; s += GELU_BLOCK) {
            int n = Math.min(GELU_BLOCK, hi - s), padded = (n + ld - 1) / ld * ld;
            for (int t = 0; t < n; t++) buf[t] = x[s + t];
            for (int t = n; t < padded; t++) buf[t] = 0;
            geluBlock(grad, buf, padded);
            for (int t = 0; t < n; t++) out[s + t] = (float) buf[t];
        }
    }

    /**
     * {@code buf[t] = GELU(buf[t])} (or GELU') for {@code t < n}, a multiple of the lane count. One method with the
     * whole computation inline, so that C2 keeps every vector in registers (a vector passed to or returned from a call
     * that is not inlined is boxed).
     */
    private static void geluBlock(boolean grad, double[] buf, int n) {
        DoubleVector one = c(1), invSqrt2Pi = c(INV_SQRT_2PI), ln2Hi = c(-LN2_HI), ln2Lo = c(-LN2_LO);
        DoubleVector hn2 = c(HN2), hn3 = c(HN3), hn4 = c(HN4), hn5 = c(HN5), hn6 = c(HN6);
        DoubleVector hd2 = c(HD2), hd3 = c(HD3), hd4 = c(HD4), hd5 = c(HD5), hd6 = c(HD6), hd7 = c(HD7);
        DoubleVector e11 = c(1.0 / 39916800), e10 = c(1.0 / 3628800), e9 = c(1.0 / 362880), e8 = c(1.0 / 40320),
                e7 = c(1.0 / 5040), e6 = c(1.0 / 720), e5 = c(1.0 / 120), e4 = c(1.0 / 24), e3 = c(1.0 / 6), e2 = c(0.5);
        for (int t = 0; t < n; t += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, buf, t);
            DoubleVector a = x.abs();
            // e = e^(−a²/2): y = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^13 (truncation error < 5e-18),
            // 2^k from bits: the low bits of t = ROUND + k hold k (ROUND's low 12 bits are 0), so (bits(t) + 1023) << 52
            // is the bit pattern of 2^k; below e^(−700) the result is 0 (k stays above the subnormal range)
            DoubleVector y = a.mul(a).mul(-0.5); // exact: a is a widened float
            DoubleVector tk = y.fma(LOG2E, ROUND);
            DoubleVector k = tk.sub(ROUND);
            DoubleVector r = k.fma(ln2Lo, k.fma(ln2Hi, y));
            DoubleVector poly = r.fma(1.0 / 6227020800L, 1.0 / 479001600).fma(r, e11).fma(r, e10).fma(r, e9).fma(r, e8)
                    .fma(r, e7).fma(r, e6).fma(r, e5).fma(r, e4).fma(r, e3).fma(r, e2).fma(r, one).fma(r, one);
            LongVector bits = tk.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = poly.mul(bits.reinterpretAsDoubles()).blend(0, y.compare(VectorOperators.LT, -700));
            DoubleVector ac = a.min(A_MAX);
            // Hart's rational
            DoubleVector hn = ac.fma(HN0, HN1).fma(ac, hn2).fma(ac, hn3).fma(ac, hn4).fma(ac, hn5).fma(ac, hn6);
            DoubleVector hd = ac.fma(HD0, HD1).fma(ac, hd2).fma(ac, hd3).fma(ac, hd4).fma(ac, hd5).fma(ac, hd6).fma(ac, hd7);
            // continued fraction g = a + 1/(a + 2/(… + (L−1)/(a + 0.65))) as p/q, without divisions
            DoubleVector p = ac.add(0.65), q = one;
            for (int j = CF_LEVELS - 1; j >= 1; j--) {
                DoubleVector np = p.fma(ac, q.mul(j));
                q = p;
                p = np;
            }
            VectorMask<Double> hart = ac.compare(VectorOperators.LT, HART_MAX);
            DoubleVector ratio = q.mul(INV_SQRT_2PI).blend(hn, hart).div(p.blend(hd, hart)); // Φ(−a) / e^(−a²/2)
            VectorMask<Double> neg = x.compare(VectorOperators.LT, 0);
            DoubleVector res;
            if (!grad) {
                DoubleVector tail = e.mul(ratio); // Φ(−a)
                res = x.mul(one.sub(tail).blend(tail, neg));
            } else {
                DoubleVector d = a.fma(invSqrt2Pi, ratio.neg()); // a/√(2π) − R
                res = e.fma(d, one).blend(e.mul(d).neg(), neg);
            }
            res.intoArray(buf, t);
        }
    }

    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(D, v);
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
