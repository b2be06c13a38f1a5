package io.contrast4j.nn.init;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.TransformerConfig;
import io.contrast4j.nn.layers.TransformerEncoder;
import io.contrast4j.nn.layers.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class InitTest {

    @Test
    void fansFollowPyTorch() {
        assertArrayEquals(new int[]{3, 5}, Init.fans(5, 3));
        assertArrayEquals(new int[]{3 * 4, 5 * 4}, Init.fans(5, 3, 2, 2));
        assertArrayEquals(new int[]{7, 7}, Init.fans(7));
    }

    @Test
    void gains() {
        assertEquals(Math.sqrt(2), Init.gain("relu", 0), 1e-15);
        assertEquals(5.0 / 3, Init.gain("tanh", 0), 1e-15);
        assertEquals(Math.sqrt(2.0 / (1 + 0.04)), Init.gain("leaky_relu", 0.2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Init.gain("swishy", 0));
    }

    private static double[] stats(Tensor t) {
        double[] v = t.toDoubleArray();
        double mean = 0, sq = 0, min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double x : v) {
            mean += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        mean /= v.length;
        for (double x : v) sq += (x - mean) * (x - mean);
        return new double[]{mean, Math.sqrt(sq / v.length), min, max};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void boundsAndSpreads(long seed) {
        int out = 200, in = 100;
        // uniform bounds from the formulas
        double xb = Math.sqrt(6.0 / (in + out));
        double[] s = stats(Init.xavierUniform(DType.F64, new Rng(seed), 1.0, out, in));
        assertTrue(s[2] >= -xb && s[3] <= xb && s[3] > 0.95 * xb, "seed " + seed);
        assertEquals(xb / Math.sqrt(3), s[1], 0.03 * xb, "seed " + seed);
        double kb = 1 / Math.sqrt(in); // a = √5
        s = stats(Init.kaimingUniform(DType.F64, new Rng(seed), Math.sqrt(5), FanMode.FAN_IN, out, in));
        assertTrue(s[2] >= -kb && s[3] <= kb, "seed " + seed);
        s = stats(Init.kaimingNormal(DType.F64, new Rng(seed), 0, FanMode.FAN_OUT, out, in));
        assertEquals(Math.sqrt(2.0 / out), s[1], 0.05 * Math.sqrt(2.0 / out), "seed " + seed);
        s = stats(Init.xavierNormal(DType.F64, new Rng(seed), 2.0, out, in));
        assertEquals(2 * Math.sqrt(2.0 / (in + out)), s[1], 0.05 * 2 * Math.sqrt(2.0 / (in + out)), "seed " + seed);
        s = stats(Init.normal(DType.F64, new Rng(seed), 3, 0.5, out, in));
        assertEquals(3, s[0], 0.02, "seed " + seed);
        assertEquals(0.5, s[1], 0.02, "seed " + seed);
        s = stats(Init.uniform(DType.F64, new Rng(seed), -2, 1, out, in));
        assertTrue(s[2] >= -2 && s[3] < 1, "seed " + seed);
        assertArrayEquals(new double[]{0, 0}, Init.zeros(DType.F64, 2).toDoubleArray());
        assertArrayEquals(new double[]{1, 1, 1}, Init.ones(DType.F64, 3).toDoubleArray());
    }

    @Test
    void sameSeedGivesBitIdenticalModels() {
        for (long seed : new long[]{7, 8}) {
            Map<String, Tensor> a = model(seed).namedParameters(), b = model(seed).namedParameters();
            assertEquals(a.keySet(), b.keySet());
            for (String k : a.keySet()) assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), k + " seed " + seed);
            Map<String, Tensor> m1 = MLP.builder(5, 7, 2).rng(new Rng(seed)).build().namedParameters();
            Map<String, Tensor> m2 = MLP.builder(5, 7, 2).rng(new Rng(seed)).build().namedParameters();
            for (String k : m1.keySet()) assertArrayEquals(m1.get(k).toFloatArray(), m2.get(k).toFloatArray(), k);
        }
        assertFalse(java.util.Arrays.equals(model(7).parameters().get(0).toFloatArray(), model(8).parameters().get(0).toFloatArray()));
    }

    private static TransformerEncoder model(long seed) {
        return new TransformerEncoder(new TransformerConfig(20, 8, 8, 2, 2, 16, 0.1, false), DType.F32, new Rng(seed));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Init.normal(DType.F64, new Rng(1), 0, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> Init.uniform(DType.F64, new Rng(1), 1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Init.fans());
    }
}
