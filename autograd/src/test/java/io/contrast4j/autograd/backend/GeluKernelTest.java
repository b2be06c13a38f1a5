package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The vectorised F32 GELU / GELU' of {@link F32Kernels#gelu} against the double reference of {@link ScalarBackend},
 * the reference against high-precision values, and the kernel's independence of array length and offset.
 */
class GeluKernelTest {
    /**
     * Both ops are checked to this many float ulps of max(|reference|, |kernel|) (the equivalence suite allows 8): both
     * sides are good to 1e-10 before rounding to float, so they can differ only where that rounding does.
     */
    private static final double MAX_ULP = 1;

    private static float[] kernel(UnaryOp op, float[] x) {
        float[] out = new float[x.length];
        F32Kernels.unary(op, x, out, 0, x.length, 0, 0);
        return out;
    }

    /** Largest error in float ulps over {@code x}, failing at the first NaN/infinity mismatch. */
    private static double maxUlp(UnaryOp op, float[] x, String what) {
        float[] v = kernel(op, x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double ref = (float) ScalarBackend.unary(op, x[i], 0, 0), got = v[i];
            if (Double.isNaN(ref) || Double.isNaN(got) || Double.isInfinite(ref) || Double.isInfinite(got)) {
                if (!(Double.compare(ref, got) == 0)) fail(what + " " + op + " x=" + x[i] + ": expected " + ref + " got " + got);
                continue;
            }
            double err = Math.abs(ref - got) / Math.ulp((float) Math.max(Math.abs(ref), Math.abs(got)));
            worst = Math.max(worst, err);
            if (err > MAX_ULP) fail(what + " " + op + " x=" + x[i] + ": expected " + ref + " got " + got + " (" + err + " ulp)");
        }
        System.out.println(what + " " + op + ": max error " + worst + " ulp over " + x.length + " inputs");
        return worst;
    }

    @Test
    void denseSweepOfMinusTenToTenIsWithinOneUlp() {
        float[] x = new float[20 * 4096 + 1];
        for (int i = 0; i < x.length; i++) x[i] = (float) (-10 + i / 4096.0);
        for (UnaryOp op : new UnaryOp[]{UnaryOp.GELU, UnaryOp.GELU_GRAD}) {
            double worst = maxUlp(op, x, "sweep [-10, 10]");
            assertTrue(worst <= MAX_ULP, op + " sweep: max error " + worst + " ulp");
        }
    }

    @Test
    void everyFloatAroundTheZeroOfTheDerivativeIsWithinOneUlp() {
        // GELU'(x) = Φ(x) + xφ(x) crosses 0 at x ≈ −0.7518: the two terms cancel, so this is where precision is hardest
        int from = Float.floatToIntBits(-0.7490f), to = Float.floatToIntBits(-0.7545f);
        float[] x = new float[to - from + 1];
        for (int i = 0; i < x.length; i++) x[i] = Float.intBitsToFloat(from + i);
        double worst = maxUlp(UnaryOp.GELU_GRAD, x, "around the zero of GELU'");
        assertTrue(worst <= MAX_ULP, "max error " + worst + " ulp");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomInputsAreWithinOneUlp(long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[50_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 3) {
                case 0 -> (float) (3 * r.nextGaussian());
                case 1 -> (float) (-16 + 32 * r.nextDouble()); // into the lower tail where GELU is subnormal, then 0
                default -> (float) ((r.nextDouble() < 0.5 ? -1 : 1) * Math.pow(10, -40 + 80 * r.nextDouble()));
            };
        }
        for (UnaryOp op : new UnaryOp[]{UnaryOp.GELU, UnaryOp.GELU_GRAD}) {
            double worst = maxUlp(op, x, "seed=" + seed);
            assertTrue(worst <= MAX_ULP, op + " seed=" + seed + ": max error " + worst + " ulp");
        }
    }

    @Test
    void specialValuesMatchTheReference() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
                Float.MAX_VALUE, -Float.MAX_VALUE, 1e20f, -1e20f, 38f, -38f, 40f, -40f, 5f, -5f, Math.nextDown(5f), -Math.nextDown(5f)};
        for (UnaryOp op : new UnaryOp[]{UnaryOp.GELU, UnaryOp.GELU_GRAD}) maxUlp(op, x, "special values");
        float[] g = kernel(UnaryOp.GELU, new float[]{0f, 1e20f, -1e20f});
        assertEquals(0f, g[0]);
        assertEquals(1e20f, g[1]);
        assertEquals(0f, Math.abs(g[2]));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void resultsDoNotDependOnLengthOrOffset(long seed) {
        Rng r = new Rng(seed);
        int n = 1000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (4 * r.nextGaussian());
        for (UnaryOp op : new UnaryOp[]{UnaryOp.GELU, UnaryOp.GELU_GRAD}) {
            float[] whole = kernel(op, x);
            float[] single = new float[n], ragged = new float[n];
            for (int i = 0; i < n; i++) F32Kernels.unary(op, x, single, i, i + 1, 0, 0); // every element as a lone tail
            for (int lo = 0, len = 1; lo < n; lo += len, len = len % 37 + 3) F32Kernels.unary(op, x, ragged, lo, Math.min(n, lo + len), 0, 0);
            for (int i = 0; i < n; i++) {
                int w = Float.floatToRawIntBits(whole[i]);
                assertEquals(w, Float.floatToRawIntBits(single[i]), op + " seed=" + seed + " x=" + x[i] + " alone vs in the array");
                assertEquals(w, Float.floatToRawIntBits(ragged[i]), op + " seed=" + seed + " x=" + x[i] + " ragged chunks vs whole");
            }
        }
    }

    @Test
    void referenceKeepsItsRelativeAccuracyInTheLowerTail() {
        // x·Φ(x) and Φ(x) + xφ(x) from mpmath at 50 digits
        double[][] cases = {
                {-12, -2.1317785344932147972e-32, -2.5578956616748956241e-31},
                {-9, -1.015729565358456583e-18, -9.138937373906639251e-18},
                {-8, -4.9767684594174272988e-15, -3.9796072610867959891e-14},
                {-3, -0.00404969409489028358, -0.011945647204183927},
                {-0.75, -0.1699705142826511495, 0.00077427826076489562831},
                {2, 1.9544997361036415856, 1.0852318010781968967}};
        for (double[] c : cases) {
            double g = ScalarBackend.unary(UnaryOp.GELU, c[0], 0, 0), d = ScalarBackend.unary(UnaryOp.GELU_GRAD, c[0], 0, 0);
            assertEquals(c[1], g, 1e-12 * Math.abs(c[1]), "GELU(" + c[0] + ")");
            assertEquals(c[2], d, 1e-12 * Math.abs(c[2]), "GELU'(" + c[0] + ")");
        }
    }
}
