package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelledDatasetTest {

    private static LabelledDataset toy() {
        float[][] f = {{0}, {1}, {2}, {3}, {4}, {5}};
        return new LabelledDataset("toy", f, new int[]{0, 1, 2, 0, 1, 3}, 4);
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new LabelledDataset("x", new float[][]{{1}}, new int[]{0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new LabelledDataset("x", new float[][]{{1}, {1, 2}}, new int[]{0, 1}, 2));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new LabelledDataset("x", new float[][]{{1}, {Float.NaN}}, new int[]{0, 1}, 2));
        assertTrue(nan.getMessage().contains("features[1][0] is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelledDataset("x", new float[][]{{1}}, new int[]{-1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new LabelledDataset("x", new float[][]{{1}}, new int[]{2}, 2));
        assertEquals(0, new LabelledDataset("e", new float[0][], new int[0], 0).dim());
    }

    @Test
    void selectAndSubsetByClasses() {
        LabelledDataset d = toy();
        LabelledDataset s = d.select(new int[]{5, 0, 5});
        assertArrayEquals(new int[]{3, 0, 3}, s.labels());
        assertSame(d.features()[5], s.features()[0], "rows are shared, not copied");
        LabelledDataset sub = d.subsetByClasses(0, 3);
        assertArrayEquals(new int[]{0, 0, 3}, sub.labels());
        assertArrayEquals(new float[]{3}, sub.features()[1]);
        assertEquals(4, sub.numClasses(), "labels keep their ids");
        assertEquals("toy[0,3]", sub.name());
        LabelledDataset compact = sub.compactLabels();
        assertArrayEquals(new int[]{0, 0, 1}, compact.labels());
        assertEquals(2, compact.numClasses());
        assertThrows(IllegalArgumentException.class, () -> d.subsetByClasses(4));
        assertThrows(IllegalArgumentException.class, () -> d.select(new int[]{6}));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99, -7})
    void stratifiedSplitPartitionsEachClass(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 50 + r.nextInt(200);
        int k = 1 + r.nextInt(6);
        float[][] f = new float[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            f[i][0] = i; // feature = original index, to check the partition
            y[i] = r.nextInt(k);
        }
        LabelledDataset d = new LabelledDataset("r", f, y, k);
        double frac = 0.1 + 0.8 * r.nextDouble();
        TrainTestSplit s = d.stratifiedSplit(frac, seed);
        boolean[] seen = new boolean[n];
        for (LabelledDataset part : new LabelledDataset[]{s.train(), s.test()})
            for (int i = 0; i < part.size(); i++) {
                int orig = (int) part.features()[i][0];
                assertTrue(!seen[orig], "seed " + seed + ": sample " + orig + " twice");
                seen[orig] = true;
                assertEquals(y[orig], part.labels()[i], "seed " + seed);
            }
        for (int i = 0; i < n; i++) assertTrue(seen[i], "seed " + seed + ": sample " + i + " lost");
        int[] all = d.classCounts(), test = s.test().classCounts();
        for (int c = 0; c < k; c++) assertEquals(Math.round(frac * all[c]), test[c], "seed " + seed + " class " + c);
        // order preserved within each part
        float[] tf = new float[s.test().size()];
        for (int i = 0; i < tf.length; i++) tf[i] = s.test().features()[i][0];
        float[] sorted = tf.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, tf, "seed " + seed);
    }

    @Test
    void shuffleIsSeededPermutation() {
        LabelledDataset d = toy();
        LabelledDataset a = d.shuffle(5), b = d.shuffle(5);
        assertEquals(a, b);
        int[] sorted = a.labels().clone();
        Arrays.sort(sorted);
        int[] orig = d.labels().clone();
        Arrays.sort(orig);
        assertArrayEquals(orig, sorted);
    }
}
