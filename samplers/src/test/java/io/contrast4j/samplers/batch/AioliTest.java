package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AioliTest {

    @Test
    void oneHotProbesGiveExponentiatedGradientOnColumnSums() {
        AioliMixing c = new AioliMixing(2, 0.5, 1, 1);
        // probe group 0: losses drop (1.0, 0.2); probe group 1: drops (0.0, 0.4)
        c.reportProbe(0, new double[]{3, 2}, new double[]{2, 1.8});
        assertFalse(c.readyToUpdate());
        c.reportProbe(1, new double[]{2, 1.8}, new double[]{2, 1.4});
        double[][] a = c.interactions();
        assertArrayEquals(new double[]{1.0, 0.0}, a[0], 1e-12);
        assertArrayEquals(new double[]{0.2, 0.4}, a[1], 1e-12);
        double[] p = c.update();
        // p ∝ 0.5·exp(0.5·1.2), 0.5·exp(0.5·0.4)
        double x = Math.exp(0.6), y = Math.exp(0.2);
        assertArrayEquals(new double[]{x / (x + y), y / (x + y)}, p, 1e-12);
        assertFalse(c.readyToUpdate(), "probes cleared");
    }

    @Test
    void perturbedProbesAreUnmixedBySolvingTheProbeSystem() {
        AioliMixing c = new AioliMixing(2, 1, 0.75, 1);
        assertArrayEquals(new double[]{0.75, 0.25}, c.probeProportions(0), 1e-12);
        // true A = [[1, 0], [0, 2]]: drop_i(probe j) = Σ_k A_ik W_jk -> probe 0: (0.75, 0.5), probe 1: (0.25, 1.5)
        c.reportProbe(0, new double[]{1, 1}, new double[]{0.25, 0.5});
        c.reportProbe(1, new double[]{1, 1}, new double[]{0.75, -0.5});
        double[][] a = c.interactions();
        assertArrayEquals(new double[]{1, 0}, a[0], 1e-12);
        assertArrayEquals(new double[]{0, 2}, a[1], 1e-12);
        double[] p = c.update();
        assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(2)), p[0], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void samplerFollowsTheProportions(long seed) {
        int[] groups = new int[90];
        for (int i = 0; i < groups.length; i++) groups[i] = 10 * (i % 3);
        AioliMixing c = new AioliMixing(3, 1, 1, 1);
        AioliBatchSampler s = new AioliBatchSampler(groups, 30, c);
        for (int g = 0; g < 3; g++) c.reportProbe(g, new double[]{1, 1, 1}, g == 2 ? new double[]{1, 1, -2} : new double[]{1, 1, 1});
        double[] p = c.update();
        assertTrue(p[2] > 0.9, "seed " + seed + " " + Arrays.toString(p));
        int[] count = new int[3];
        for (int[] b : s.epoch(seed, 0)) for (int i : b) count[groups[i] / 10]++;
        assertTrue(count[2] > 0.8 * 90, "seed " + seed + " " + Arrays.toString(count));
        s.probe(0);
        List<int[]> probe = s.epoch(seed, 1);
        for (int[] b : probe) for (int i : b) assertEquals(0, groups[i], "seed " + seed + ": one-hot probe of group 0");
        assertEquals(s.epoch(seed, 1).size(), probe.size());
        for (int k = 0; k < probe.size(); k++) assertArrayEquals(probe.get(k), s.epoch(seed, 1).get(k), "seed " + seed);
    }

    @Test
    void badInputsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AioliMixing(2, 0, 1, 1)).getMessage().contains("eta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AioliMixing(2, 1, 0.5, 1)).getMessage().contains("one_hot_factor"));
        AioliMixing c = new AioliMixing(2);
        assertTrue(assertThrows(IllegalArgumentException.class, c::update).getMessage().contains("probed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.reportProbe(0, new double[]{1}, new double[]{1, 2})).getMessage().contains("lossesBefore"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.reportProbe(2, new double[]{1, 1}, new double[]{1, 2})).getMessage().contains("group"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AioliBatchSampler(new int[]{0, 1, 2}, 4, c)).getMessage().contains("controller has 2 groups"));
    }
}
