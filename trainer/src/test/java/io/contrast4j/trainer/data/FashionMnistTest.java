package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not installed at " + FashionMnist.DEFAULT_DIR + " (" + FashionMnist.INSTALL + "); test skipped");
    }

    @Test
    void realCountsAndFirstLabels() {
        assumeInstalled();
        LabelledDataset train = FashionMnist.load(Split.TRAIN);
        LabelledDataset test = FashionMnist.load(Split.TEST);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertEquals(784, train.dim());
        assertArrayEquals(new int[]{9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[]{9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        int[] tc = train.classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, tc[c], "train class " + c);
            assertEquals(1000, test.classCounts()[c], "test class " + c);
        }
        TrainTestSplit open = FashionMnist.openSet(train, test);
        assertEquals(30000, open.train().size());
        assertEquals(5000, open.test().size());
        for (int y : open.train().labels()) assertTrue(y <= 4);
        for (int y : open.test().labels()) assertTrue(y >= 5);
    }

    @Test
    void missingDirectoryNamesThePackage(@TempDir Path tmp) {
        Path none = tmp.resolve("fashion-mnist");
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(none, Split.TRAIN));
        assertEquals("Fashion-MNIST not found at " + none + ": install it with 'apt-get install -y dataset-fashion-mnist'", e.getMessage());
        assertEquals(0, e.line());
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(none, Split.DEV));
    }

    @Test
    void syntheticDirectoryAndLabelChecks(@TempDir Path tmp) throws IOException {
        byte[] px = new byte[2 * 4];
        px[0] = (byte) 255;
        Files.write(tmp.resolve("t10k-images-idx3-ubyte.gz"), IdxTest.gzip(IdxTest.images(2, 2, 2, px)));
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), IdxTest.labels(new byte[]{7, 1}));
        LabelledDataset d = FashionMnist.load(tmp, Split.TEST);
        assertEquals("fashion-mnist-test", d.name());
        assertArrayEquals(new int[]{7, 1}, d.labels());
        assertEquals(1f, d.features()[0][0]);

        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), IdxTest.labels(new byte[]{7, 10}));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(tmp, Split.TEST));
        assertTrue(e.problem().contains("label 10 of item 1"), e.getMessage());

        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), IdxTest.labels(new byte[]{7}));
        e = assertThrows(DataException.class, () -> FashionMnist.load(tmp, Split.TEST));
        assertTrue(e.problem().contains("1 labels but t10k-images-idx3-ubyte.gz has 2 images"), e.getMessage());

        e = assertThrows(DataException.class, () -> FashionMnist.load(tmp, Split.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz: file not found"), e.getMessage());
    }
}
