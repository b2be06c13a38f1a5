package io.contrast4j.trainer.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reader for the IDX format of MNIST / Fashion-MNIST (LeCun et al.), gzipped or not (detected from
 * the content). Images: big-endian int32 magic 0x00000803, count, rows, cols, then count*rows*cols
 * unsigned bytes. Labels: magic 0x00000801, count, then count unsigned bytes. The magic number and
 * the exact file size are checked; every problem is a {@link DataException} naming the file.
 */
public final class Idx {
    /** Magic number of an unsigned-byte 3-D (image) file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte 1-D (label) file. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Images as rows of {@code rows * cols} floats, pixel / 255. */
    public static float[][] readImages(Path file) {
        return images(file.toString(), TextFile.readBytes(file));
    }

    /** Labels as ints 0..255. */
    public static int[] readLabels(Path file) {
        return labels(file.toString(), TextFile.readBytes(file));
    }

    static float[][] images(String source, byte[] b) {
        ByteBuffer buf = header(source, b, IMAGES_MAGIC, "images", 16);
        int n = count(source, buf.getInt(4), "image count");
        int rows = count(source, buf.getInt(8), "row count");
        int cols = count(source, buf.getInt(12), "column count");
        long pixels = (long) rows * cols;
        if (pixels > Integer.MAX_VALUE)
            throw new DataException(source, 0, "image size " + rows + "x" + cols + " is too large");
        long expected = 16 + n * pixels;
        if (b.length != expected)
            throw sizeError(source, b.length, expected, n + " images of " + rows + "x" + cols);
        float[][] out = new float[n][(int) pixels];
        int p = 16;
        float inv = 1f / 255f;
        for (int i = 0; i < n; i++) {
            float[] row = out[i];
            for (int j = 0; j < row.length; j++) row[j] = (b[p++] & 0xff) * inv;
        }
        return out;
    }

    static int[] labels(String source, byte[] b) {
        ByteBuffer buf = header(source, b, LABELS_MAGIC, "labels", 8);
        int n = count(source, buf.getInt(4), "label count");
        long expected = 8L + n;
        if (b.length != expected) throw sizeError(source, b.length, expected, n + " labels");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = b[8 + i] & 0xff;
        return out;
    }

    private static ByteBuffer header(String source, byte[] b, int magic, String what, int headerBytes) {
        if (b.length == 0) throw new DataException(source, 0, "file is empty");
        if (b.length < 4)
            throw new DataException(source, 0, "truncated IDX header: " + b.length + " bytes, expected " + headerBytes);
        ByteBuffer buf = ByteBuffer.wrap(b); // big-endian by default
        int m = buf.getInt(0);
        if (m != magic) {
            String hint = m == (magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
                    ? " (this is an IDX " + (magic == IMAGES_MAGIC ? "labels" : "images") + " file)" : "";
            throw new DataException(source, 0, String.format("bad magic number 0x%08x, expected 0x%08x for IDX %s%s", m, magic, what, hint));
        }
        if (b.length < headerBytes)
            throw new DataException(source, 0, "truncated IDX header: " + b.length + " bytes, expected " + headerBytes);
        return buf;
    }

    private static int count(String source, int v, String what) {
        if (v < 0) throw new DataException(source, 0, what + " is negative (" + v + ")");
        return v;
    }

    private static DataException sizeError(String source, long actual, long expected, String what) {
        String kind = actual < expected ? "truncated" : "trailing bytes";
        return new DataException(source, 0, kind + ": file has " + actual + " bytes, header announces " + what + " = " + expected + " bytes");
    }
}
