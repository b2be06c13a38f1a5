package io.contrast4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTensorsTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** Raw-bit comparison (Arrays.equals(float[]) would fold all NaNs together). */
    private static void assertSameBits(NamedArray expected, NamedArray actual, String msg) {
        assertEquals(expected.name(), actual.name(), msg);
        assertEquals(expected.dtype(), actual.dtype(), msg);
        assertArrayEquals(expected.shape(), actual.shape(), msg);
        switch (expected.dtype()) {
            case "F32" -> {
                assertEquals(expected.f32().length, actual.f32().length, msg);
                for (int i = 0; i < expected.f32().length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected.f32()[i]), Float.floatToRawIntBits(actual.f32()[i]),
                            msg + " " + expected.name() + "[" + i + "]");
                }
            }
            case "F64" -> {
                assertEquals(expected.f64().length, actual.f64().length, msg);
                for (int i = 0; i < expected.f64().length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected.f64()[i]),
                            Double.doubleToRawLongBits(actual.f64()[i]), msg + " " + expected.name() + "[" + i + "]");
                }
            }
            case "I32" -> assertArrayEquals(expected.i32(), actual.i32(), msg);
            case "I64" -> assertArrayEquals(expected.i64(), actual.i64(), msg);
            default -> throw new AssertionError(expected.dtype());
        }
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** A file from the specification: u64 LE header length, header (space-padded to 8), data. */
    private Path fileOf(String name, String header, byte[] data) throws IOException {
        StringBuilder h = new StringBuilder(header);
        while (h.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
            h.append(' ');
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le64(hb.length));
        out.write(hb);
        out.write(data);
        Path f = dir.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    private static void assertRefused(Path f, String... fragments) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
        for (String frag : fragments) {
            assertTrue(e.getMessage().contains(frag), "'" + frag + "' missing in: " + e.getMessage());
        }
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void roundTripIsBitIdenticalIncludingNanPayloadsAndNegativeZero() {
        float[] f = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7FC01234), Float.intBitsToFloat(0xFFC00001),
                Float.intBitsToFloat(0x7F800001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                -Float.MAX_VALUE, 3e-40f};
        double[] d = {0.0, -0.0, Math.PI, Double.NaN, Double.longBitsToDouble(0x7FF8000000ABCDEFL),
                Double.longBitsToDouble(0xFFF0000000000001L), Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        int[] i = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42, -42};
        long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L};
        List<NamedArray> tensors = List.of(
                NamedArray.f32("layer.weight", new int[] {3, 4}, f),
                NamedArray.f64("double", new int[] {2, 2, 2}, d),
                NamedArray.i32("ids", new int[] {6}, i),
                NamedArray.i64("longs", new int[] {2, 2}, l),
                NamedArray.f32("scalar", new int[] {}, new float[] {-0f}),
                NamedArray.f32("empty", new int[] {0, 5}, new float[0]));
        Map<String, String> meta = Map.of("format", "pt", "note", "é \"quoted\"\n中");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, meta);
        SafeTensorsFile back = SafeTensors.read(file);
        assertEquals(meta, back.metadata());
        assertEquals(tensors.size(), back.tensors().size());
        for (NamedArray t : tensors) {
            assertSameBits(t, back.get(t.name()), "round trip");
        }
        // reference order: I64, F64, F32, I32, then name by bytes
        assertEquals(List.of("longs", "double", "empty", "layer.weight", "scalar", "ids"),
                List.copyOf(back.tensors().keySet()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99, 31337})
    void randomRoundTrips(long seed) {
        Random r = new Random(seed);
        List<NamedArray> tensors = new ArrayList<>();
        int count = 1 + r.nextInt(8);
        for (int k = 0; k < count; k++) {
            int[] shape = new int[r.nextInt(4)];
            for (int a = 0; a < shape.length; a++) {
                shape[a] = r.nextInt(6);
            }
            int n = (int) NamedArray.elementCount(shape);
            String name = "t" + k + (r.nextBoolean() ? "é" : "");
            switch (r.nextInt(4)) {
                case 0 -> {
                    float[] v = new float[n];
                    for (int j = 0; j < n; j++) {
                        v[j] = Float.intBitsToFloat(r.nextInt());
                    }
                    tensors.add(NamedArray.f32(name, shape, v));
                }
                case 1 -> tensors.add(NamedArray.f64(name, shape, r.doubles(n).map(x -> Double.longBitsToDouble(
                        Double.doubleToRawLongBits(x) ^ r.nextLong())).toArray()));
                case 2 -> tensors.add(NamedArray.i32(name, shape, r.ints(n).toArray()));
                default -> tensors.add(NamedArray.i64(name, shape, r.longs(n).toArray()));
            }
        }
        Path f = dir.resolve("r" + seed + ".safetensors");
        SafeTensors.write(f, tensors, Map.of());
        SafeTensorsFile back = SafeTensors.read(f);
        assertEquals(Map.of(), back.metadata(), "seed " + seed);
        for (NamedArray t : tensors) {
            assertSameBits(t, back.get(t.name()), "seed " + seed);
        }
    }

    @Test
    void largeTensorSpansSeveralIoChunks() {
        int n = 700_001; // > 1 MiB of F32 and of F64
        float[] f = new float[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = i * 0.5f - 7;
            d[i] = -i * 0.25;
        }
        Path p = dir.resolve("big.safetensors");
        SafeTensors.write(p, List.of(NamedArray.f32("f", new int[] {n}, f), NamedArray.f64("d", new int[] {n}, d)),
                null);
        SafeTensorsFile back = SafeTensors.read(p);
        assertArrayEquals(f, back.get("f").f32());
        assertArrayEquals(d, back.get("d").f64());
    }

    // ------------------------------------------------------------------ the format, byte by byte

    @Test
    void writerProducesTheSpecifiedBytes() throws IOException {
        Path f = dir.resolve("x.safetensors");
        SafeTensors.write(f, List.of(NamedArray.f32("x", new int[] {1}, new float[] {1f})), Map.of());
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"; // 54 bytes
        assertEquals(54, header.length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {56, 0, 0, 0, 0, 0, 0, 0}); // padded to 56 = 7 * 8
        expected.write(header.getBytes(StandardCharsets.US_ASCII));
        expected.write(new byte[] {' ', ' '});
        expected.write(new byte[] {0x00, 0x00, (byte) 0x80, 0x3F}); // 1.0f = 0x3F800000 little-endian
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(f));
    }

    @Test
    void headerLengthIsPaddedToEightAndMetadataComesFirst() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.write(f, List.of(NamedArray.i32("a", new int[] {1}, new int[] {7})), Map.of("k", "v"));
        byte[] all = Files.readAllBytes(f);
        int n = all[0] & 0xFF;
        assertEquals(0, n % 8);
        String header = new String(all, 8, n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"a\":"), header);
        assertEquals(8 + n + 4, all.length);
    }

    @Test
    void handBuiltFileFromTheSpecificationIsRead() throws IOException {
        String header = "{\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[12,20]},"
                + "\"d\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[20,28]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(new byte[] {0x01, 0x00, 0x00, 0x00});                         // I32 1
        data.write(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}); // I32 -2
        data.write(new byte[] {0x00, 0x00, (byte) 0xC0, 0x3F});                   // F32 1.5 = 0x3FC00000
        data.write(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0x80});                // F64 -0.0
        data.write(new byte[] {0x03, 0, 0, 0, 0, 0x01, 0, 0});                    // I64 2^40 + 3
        Path f = fileOf("hand.safetensors", header, data.toByteArray());
        SafeTensorsFile st = SafeTensors.read(f);
        assertEquals(List.of("b", "a", "c", "d"), List.copyOf(st.tensors().keySet()));
        assertArrayEquals(new int[] {1, -2}, st.get("b").i32());
        assertArrayEquals(new int[] {2}, st.get("b").shape());
        assertArrayEquals(new int[] {}, st.get("a").shape());
        assertEquals(1.5f, st.get("a").f32()[0]);
        assertNull(st.get("a").f64());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(st.get("c").f64()[0]));
        assertArrayEquals(new int[] {1, 1}, st.get("c").shape());
        assertEquals((1L << 40) + 3, st.get("d").i64()[0]);
        assertEquals(Map.of("format", "pt"), st.metadata());
        // without metadata and with an unpadded header (the length need not be a multiple of 8)
        String h2 = "{\"w\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] hb = h2.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le64(hb.length));
        out.write(hb);
        out.write(le32(123456789));
        Path f2 = dir.resolve("unpadded.safetensors");
        Files.write(f2, out.toByteArray());
        assertArrayEquals(new int[] {123456789}, SafeTensors.read(f2).get("w").i32());
        assertEquals(Map.of(), SafeTensors.read(f2).metadata());
    }

    // ------------------------------------------------------------------ corrupt files

    private static final String ONE = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void truncatedFilesAreRefused() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3, 4, 5});
        assertRefused(tiny, "truncated", "5 bytes");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le64(1000));
        out.write("{}".getBytes(StandardCharsets.US_ASCII));
        Path longHeader = dir.resolve("longheader.safetensors");
        Files.write(longHeader, out.toByteArray());
        assertRefused(longHeader, "header length 1000 larger than the file");

        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, le64(-1L));
        assertRefused(huge, "header length 18446744073709551615 larger than the file");

        Path good = fileOf("cut.safetensors", ONE, new byte[8]);
        byte[] all = Files.readAllBytes(good);
        Files.write(good, Arrays.copyOf(all, all.length - 3));
        assertRefused(good, "tensor 'w'", "out of range", "5 bytes");
    }

    @Test
    void badHeadersAreRefused() throws IOException {
        assertRefused(fileOf("json.safetensors", "{\"w\":{\"dtype\":\"F32\",}", new byte[0]), "bad JSON");
        assertRefused(fileOf("arr.safetensors", "[1]", new byte[0]), "bad JSON", "'{'");
        assertRefused(fileOf("trail.safetensors", ONE + " x", new byte[8]), "bad JSON");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le64(8));
        out.write(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}', ' '});
        Path utf = dir.resolve("utf.safetensors");
        Files.write(utf, out.toByteArray());
        assertRefused(utf, "UTF-8");
        assertRefused(fileOf("dtype.safetensors",
                "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 'w'", "unknown dtype 'BF16'");
        assertRefused(fileOf("field.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"offsets\":[0,4]}}", new byte[4]),
                "tensor 'w'", "unknown header field 'offsets'");
        assertRefused(fileOf("nodtype.safetensors",
                "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "tensor 'w'", "dtype");
        assertRefused(fileOf("negshape.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 'w'", "shape[0]", "non-negative integer");
        assertRefused(fileOf("fracoff.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.0]}}", new byte[4]),
                "tensor 'w'", "data_offsets[1]");
        assertRefused(fileOf("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", new byte[0]),
                "__metadata__", "'k'", "not a string");
        assertRefused(fileOf("entry.safetensors", "{\"w\":[1]}", new byte[0]), "tensor 'w'", "not an object");
    }

    @Test
    void inconsistentOffsetsAreRefused() throws IOException {
        assertRefused(fileOf("range.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[100],\"data_offsets\":[0,400]}}", new byte[4]),
                "tensor 'w'", "data_offsets [0, 400]", "out of range", "4 bytes");
        assertRefused(fileOf("size.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "tensor 'w'", "shape [3] of F32 needs 12 bytes", "hold 8");
        assertRefused(fileOf("reversed.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", new byte[8]),
                "tensor 'w'", "end before begin");
        assertRefused(fileOf("overlap.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]),
                "tensor 'b'", "overlap tensor 'a'");
        assertRefused(fileOf("gap.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]),
                "tensor 'b'", "bytes [4, 8)", "not covered");
        assertRefused(fileOf("lead.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
                "tensor 'a'", "bytes [0, 4)", "not covered");
        assertRefused(fileOf("trailing.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[8]),
                "bytes [4, 8)", "after tensor 'a'", "trailing");
        assertRefused(fileOf("nothing.safetensors", "{}", new byte[3]), "bytes [0, 3)", "not covered");
        // an empty file list with an empty data section is valid
        assertEquals(0, SafeTensors.read(fileOf("emptyok.safetensors", "{}", new byte[0])).tensors().size());
    }

    @Test
    void missingFileIsACheckpointException() {
        Path f = dir.resolve("absent.safetensors");
        assertRefused(f, "no such file");
    }

    // ------------------------------------------------------------------ atomic writes

    @Test
    void failureMidwayLeavesThePreviousFileIntact() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, List.of(NamedArray.f32("a", new int[] {2}, new float[] {1, 2})), Map.of("v", "1"));
        byte[] before = Files.readAllBytes(f);
        List<NamedArray> v2 = List.of(NamedArray.f32("a", new int[] {2}, new float[] {3, 4}),
                NamedArray.f32("b", new int[] {1}, new float[] {5}));
        RuntimeException e = assertThrows(RuntimeException.class, () -> SafeTensors.write(f, v2, Map.of("v", "2"),
                name -> {
                    throw new IllegalStateException("simulated disk full after " + name);
                }));
        assertEquals("simulated disk full after a", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of("ckpt.safetensors"), dirListing(), "temporary file removed");
        assertEquals(Map.of("v", "1"), SafeTensors.read(f).metadata());
        // and a successful write replaces it
        SafeTensors.write(f, v2, Map.of("v", "2"));
        assertArrayEquals(new float[] {3, 4}, SafeTensors.read(f).get("a").f32());
        assertEquals(List.of("ckpt.safetensors"), dirListing());
    }

    @Test
    void invalidTensorFailsBeforeTouchingTheTarget() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        SafeTensors.write(f, List.of(NamedArray.i32("a", new int[] {1}, new int[] {9})), Map.of());
        byte[] before = Files.readAllBytes(f);
        NamedArray mismatched = new NamedArray("w", "F32", new int[] {3}, new float[2], null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(f, List.of(mismatched), Map.of()));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("3 elements"), e.getMessage());
        NamedArray wrongDtype = new NamedArray("w", "F64", new int[] {1}, new float[1], null, null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, List.of(wrongDtype), Map.of()));
        NamedArray unknown = new NamedArray("w", "BF16", new int[] {1}, new float[1], null, null);
        e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, List.of(unknown), Map.of()));
        assertTrue(e.getMessage().contains("unknown dtype 'BF16'"), e.getMessage());
        NamedArray a = NamedArray.f32("dup", new int[] {1}, new float[1]);
        e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, List.of(a, a), Map.of()));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(f, List.of(NamedArray.f32("__metadata__", new int[] {1}, new float[1])), null));
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of("ckpt.safetensors"), dirListing());
    }

    @Test
    void failedMoveDeletesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.write(target,
                List.of(NamedArray.f32("a", new int[] {1}, new float[] {1})), Map.of()));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals(List.of("occupied"), dirListing());
        assertEquals("x", Files.readString(target.resolve("keep.txt")));

        Path noDir = dir.resolve("missing").resolve("f.safetensors");
        e = assertThrows(CheckpointException.class, () -> SafeTensors.write(noDir,
                List.of(NamedArray.f32("a", new int[] {1}, new float[] {1})), Map.of()));
        assertTrue(e.getMessage().contains(noDir.toString()), e.getMessage());
    }

    @Test
    void namedArrayChecks() {
        assertThrows(IllegalArgumentException.class,
                () -> new NamedArray("x", "F32", new int[] {1}, new float[1], new double[1], null));
        assertThrows(IllegalArgumentException.class, () -> new NamedArray("x", "F32", new int[] {1}, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> NamedArray.f32("x", new int[] {-1}, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> NamedArray.f32("", new int[] {1}, new float[1]));
        Map<String, NamedArray> m = new LinkedHashMap<>();
        m.put("a", NamedArray.f32("a", new int[] {1}, new float[] {1}));
        SafeTensorsFile st = new SafeTensorsFile(m, Map.of());
        CheckpointException e = assertThrows(CheckpointException.class, () -> st.get("b"));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }
}
