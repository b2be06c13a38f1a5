package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void shapeAndClassCounts() {
        LabelledDataset d = Digits.load();
        assertEquals("digits", d.name());
        assertEquals(1797, d.size());
        assertEquals(64, d.dim());
        assertEquals(10, d.numClasses());
        int[] counts = d.classCounts();
        int total = 0;
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] >= 174 && counts[c] <= 183, "class " + c + " has " + counts[c]);
            total += counts[c];
        }
        assertEquals(1797, total);
    }

    @Test
    void featuresScaledByOneSixteenth() {
        LabelledDataset d = Digits.load();
        // first row of digits.csv: 0,0,5,13,9,1,0,0,... label 0
        assertEquals(0, d.labels()[0]);
        assertEquals(5f / 16f, d.features()[0][2]);
        assertEquals(13f / 16f, d.features()[0][3]);
        float max = 0;
        for (float[] row : d.features())
            for (float v : row) {
                assertTrue(v >= 0 && v <= 1, "value " + v);
                max = Math.max(max, v);
            }
        assertEquals(1f, max, "some pixel reaches 16");
        assertEquals(1, d.labels()[1]);
    }

    @Test
    void stratifiedSplitIsDeterministicAndStratified() {
        TrainTestSplit a = Digits.split(0.2, 42);
        TrainTestSplit b = Digits.split(0.2, 42);
        TrainTestSplit c = Digits.split(0.2, 43);
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertEquals(a.test(), b.test());
        assertTrue(!a.test().equals(c.test()), "another seed picks other samples");
        int[] all = Digits.load().classCounts();
        int[] test = a.test().classCounts();
        int[] train = a.train().classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(Math.round(0.2 * all[k]), test[k], "class " + k);
            assertEquals(all[k], test[k] + train[k], "class " + k);
        }
        assertEquals(1797, a.train().size() + a.test().size());
    }

    @Test
    void licenceShipsBesideTheData() throws IOException {
        try (InputStream in = Digits.class.getResourceAsStream("DIGITS-LICENSE.txt")) {
            assertNotNull(in, "DIGITS-LICENSE.txt in the jar");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("BSD-3-Clause"));
            assertTrue(text.contains("Optical+Recognition+of+Handwritten+Digits"));
        }
    }
}
