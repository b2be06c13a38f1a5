package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] images(int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] labels(byte[] y) {
        ByteBuffer b = ByteBuffer.allocate(8 + y.length);
        b.putInt(Idx.LABELS_MAGIC).putInt(y.length).put(y);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos)) {
            g.write(raw);
        }
        return bos.toByteArray();
    }

    private Path write(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void readsPlainAndGzipped() throws IOException {
        byte[] px = {0, (byte) 255, (byte) 128, 51, 1, 2};
        byte[] raw = images(1, 2, 3, px);
        float[][] a = Idx.readImages(write("i", raw));
        float[][] b = Idx.readImages(write("i.gz", gzip(raw)));
        assertArrayEquals(new float[]{0f, 1f, 128f / 255f, 51f / 255f, 1f / 255f, 2f / 255f}, a[0], 1e-7f);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(new int[]{9, 0, 255}, Idx.readLabels(write("l.gz", gzip(labels(new byte[]{9, 0, (byte) 255})))));
    }

    @Test
    void badMagicTruncationAndTrailingBytes() throws IOException {
        Path swapped = write("swapped", labels(new byte[]{1}));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(swapped));
        assertEquals(swapped + ": bad magic number 0x00000801, expected 0x00000803 for IDX images (this is an IDX labels file)", e.getMessage());

        Path trunc = write("trunc", Arrays.copyOf(images(2, 2, 2, new byte[8]), 16 + 7));
        e = assertThrows(DataException.class, () -> Idx.readImages(trunc));
        assertTrue(e.problem().startsWith("truncated: file has 23 bytes, header announces 2 images of 2x2 = 24 bytes"), e.getMessage());

        Path extra = write("extra", Arrays.copyOf(labels(new byte[]{1, 2}), 11));
        e = assertThrows(DataException.class, () -> Idx.readLabels(extra));
        assertTrue(e.problem().startsWith("trailing bytes"), e.getMessage());

        Path shortHeader = write("short", new byte[]{0, 0, 8, 3, 0});
        e = assertThrows(DataException.class, () -> Idx.readImages(shortHeader));
        assertTrue(e.problem().startsWith("truncated IDX header"), e.getMessage());

        Path neg = write("neg", ByteBuffer.allocate(8).putInt(Idx.LABELS_MAGIC).putInt(-5).array());
        e = assertThrows(DataException.class, () -> Idx.readLabels(neg));
        assertTrue(e.problem().contains("negative"), e.getMessage());

        Path huge = write("huge", ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(1 << 30).putInt(1 << 16).putInt(1 << 16).array());
        e = assertThrows(DataException.class, () -> Idx.readImages(huge));
        assertTrue(e.problem().contains("too large"), e.getMessage());

        assertEquals("file is empty", assertThrows(DataException.class, () -> Idx.readLabels(write("empty", new byte[0]))).problem());
        assertEquals("file not found", assertThrows(DataException.class, () -> Idx.readLabels(dir.resolve("none"))).problem());
    }
}
