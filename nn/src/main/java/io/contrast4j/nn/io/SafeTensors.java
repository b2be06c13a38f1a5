package io.contrast4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Reads and writes the safetensors checkpoint format (Hugging Face, https://github.com/huggingface/safetensors).
 *
 * <p>Layout: 8 bytes N (unsigned 64-bit little-endian), N bytes of UTF-8 JSON header, then the data section.
 * The header is an object {@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]},
 * ..., "__metadata__": {"key": "value"}}}; offsets are byte offsets into the data section; the tensors'
 * ranges are disjoint and cover the data section exactly; element data is little-endian, row-major.
 *
 * <p>Writing follows the reference implementation: tensors ordered by dtype (I64, F64, F32, I32, i.e.
 * larger elements first, as the reference's reversed dtype order) then by name (UTF-8 byte order), data in
 * that order, {@code __metadata__} first in the header (omitted when empty), and the header padded with
 * spaces to a multiple of 8 bytes so every tensor starts aligned to its element size. The file is written
 * atomically: to a temporary file in the target's directory, forced to disk, then moved over the target
 * with {@code ATOMIC_MOVE} + {@code REPLACE_EXISTING}; on any failure the temporary file is deleted and the
 * previous target is untouched.
 *
 * <p>Reading is strict. A file shorter than 8 bytes, a header length past the end of the file or above
 * {@value #MAX_HEADER_BYTES} bytes, a header that is not UTF-8 JSON of the form above (unknown keys
 * included), an unknown dtype (only F32, F64, I32, I64 are supported), a negative dimension, offsets out of
 * range, reversed, overlapping or leaving bytes uncovered, a byte range whose size is not shape × element
 * size, or a tensor too large for a Java array: each is refused with a {@link CheckpointException} naming
 * the file, the tensor and the mismatch.
 */
public final class SafeTensors {

    /** The reserved header key of the string-to-string metadata map. */
    public static final String METADATA_KEY = "__metadata__";
    /** Largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK = 1 << 20;
    private static final List<String> WRITE_ORDER = List.of("I64", "F64", "F32", "I32");
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    private SafeTensors() {
    }

    // ------------------------------------------------------------------------------------------- write

    /**
     * Writes {@code tensors} and {@code metadata} to {@code file} atomically (see the class comment).
     *
     * @throws IllegalArgumentException for an invalid tensor (see {@link NamedArray#validate()}), a duplicate
     *                                  name or a null metadata key/value, before any file is created
     * @throws CheckpointException      when the file cannot be written; the previous file is then intact
     */
    public static void write(Path file, List<NamedArray> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, name -> { });
    }

    /** As {@link #write(Path, List, Map)}; {@code afterTensor} runs after each tensor's bytes (test seam). */
    static void write(Path file, List<NamedArray> tensors, Map<String, String> metadata,
                      Consumer<String> afterTensor) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        Set<String> names = new HashSet<>();
        for (NamedArray t : tensors) {
            Objects.requireNonNull(t, "tensor").validate();
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("metadata keys and values must be non-null, got "
                        + e.getKey() + "=" + e.getValue());
            }
        }
        List<NamedArray> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.<NamedArray>comparingInt(t -> WRITE_ORDER.indexOf(t.dtype()))
                .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.name()), utf8(b.name()))));
        byte[] header = header(ordered, meta);

        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        FileChannel opened = null;
        Path tmp = null;
        for (int attempt = 0; opened == null; attempt++) {
            // not Files.createTempFile: that one makes the file owner-only (0600) on POSIX, and the checkpoint
            // keeps the temporary file's permissions after the move; CREATE_NEW uses the process umask
            tmp = dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                opened = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw new CheckpointException("cannot write " + file + ": cannot create a temporary file in "
                            + dir + ": " + e, e);
                }
            } catch (IOException e) {
                throw new CheckpointException("cannot write " + file + ": cannot create a temporary file in "
                        + dir + ": " + e, e);
            }
        }
        boolean moved = false;
        try {
            try (FileChannel ch = opened) {
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                buf.putLong(header.length).flip();
                writeFully(ch, buf);
                writeFully(ch, ByteBuffer.wrap(header));
                for (NamedArray t : ordered) {
                    writeData(ch, buf, t);
                    afterTensor.accept(t.name());
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException("cannot write " + file + ": the file system of " + dir
                        + " does not support an atomic rename", e);
            }
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + e, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original failure is the one to report
                }
            }
        }
    }

    private static byte[] header(List<NamedArray> ordered, Map<String, String> meta) {
        Map<String, Json> root = new LinkedHashMap<>();
        if (!meta.isEmpty()) {
            Map<String, Json> m = new LinkedHashMap<>();
            meta.keySet().stream().sorted().forEach(k -> m.put(k, new Json.Str(meta.get(k))));
            root.put(METADATA_KEY, new Json.Obj(m));
        }
        long offset = 0;
        for (NamedArray t : ordered) {
            long bytes = (long) t.length() * NamedArray.elementSize(t.dtype());
            List<Json> shape = new ArrayList<>(t.shape().length);
            for (int d : t.shape()) {
                shape.add(Json.Num.of(d));
            }
            Map<String, Json> entry = new LinkedHashMap<>();
            entry.put("dtype", new Json.Str(t.dtype()));
            entry.put("shape", new Json.Arr(shape));
            entry.put("data_offsets", new Json.Arr(List.of(Json.Num.of(offset), Json.Num.of(offset + bytes))));
            root.put(t.name(), new Json.Obj(entry));
            offset += bytes;
        }
        byte[] json = utf8(JsonWriter.write(new Json.Obj(root)));
        int padded = (json.length + 7) & ~7;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(FileChannel ch, ByteBuffer buf, NamedArray t) throws IOException {
        int size = NamedArray.elementSize(t.dtype());
        int perChunk = CHUNK / size;
        int n = t.length();
        for (int off = 0; off < n; off += perChunk) {
            int k = Math.min(perChunk, n - off);
            buf.clear();
            switch (t.dtype()) {
                case "F32" -> buf.asFloatBuffer().put(t.f32(), off, k);
                case "F64" -> buf.asDoubleBuffer().put(t.f64(), off, k);
                case "I32" -> buf.asIntBuffer().put(t.i32(), off, k);
                case "I64" -> buf.asLongBuffer().put(t.i64(), off, k);
                default -> throw new IllegalStateException(t.dtype());
            }
            buf.limit(k * size);
            writeFully(ch, buf);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform (e.g. Windows); the data itself was forced before the move
        }
    }

    // -------------------------------------------------------------------------------------------- read

    private record Entry(String name, String dtype, int[] shape, long begin, long end) {
    }

    /** Reads a whole safetensors file (see the class comment for what is refused). */
    public static SafeTensorsFile read(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e, e);
        }
    }

    private static SafeTensorsFile read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(file, "truncated: " + size + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > size - 8) {
            throw bad(file, "header length " + Long.toUnsignedString(n) + " larger than the file ("
                    + size + " bytes, " + (size - 8) + " after the length field): truncated or corrupt");
        }
        if (n > MAX_HEADER_BYTES) {
            throw bad(file, "header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(file, ch, hb, 8);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "header is not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw bad(file, "bad JSON header: must start with '{'");
        }
        Json root;
        try {
            root = JsonParser.parse(text);
        } catch (JsonException e) {
            throw bad(file, "bad JSON header: " + e.getMessage());
        }
        if (!(root instanceof Json.Obj obj)) {
            throw bad(file, "bad JSON header: not an object");
        }
        long dataStart = 8 + n;
        long dataLen = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Json> m : obj.members().entrySet()) {
            if (m.getKey().equals(METADATA_KEY)) {
                metadata = metadata(file, m.getValue());
            } else {
                entries.add(entry(file, m.getKey(), m.getValue(), dataLen));
            }
        }
        checkCoverage(file, entries, dataLen);

        Map<String, NamedArray> tensors = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
            tensors.put(e.name(), readData(file, ch, buf, e, dataStart));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private static Map<String, String> metadata(Path file, Json v) {
        if (!(v instanceof Json.Obj o)) {
            throw bad(file, METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : o.members().entrySet()) {
            if (!(e.getValue() instanceof Json.Str s)) {
                throw bad(file, METADATA_KEY + " value of '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), s.value());
        }
        return out;
    }

    private static Entry entry(Path file, String name, Json v, long dataLen) {
        if (!(v instanceof Json.Obj o)) {
            throw bad(file, name, "header entry is not an object");
        }
        for (String k : o.members().keySet()) {
            if (!ENTRY_KEYS.contains(k)) {
                throw bad(file, name, "unknown header field '" + k + "'");
            }
        }
        if (!(o.get("dtype") instanceof Json.Str dt)) {
            throw bad(file, name, "missing or non-string 'dtype'");
        }
        String dtype = dt.value();
        int elem = NamedArray.elementSize(dtype);
        if (elem < 0) {
            throw bad(file, name, "unknown dtype '" + dtype + "' (supported: "
                    + String.join(", ", NamedArray.DTYPES) + ")");
        }
        if (!(o.get("shape") instanceof Json.Arr sa)) {
            throw bad(file, name, "missing or non-array 'shape'");
        }
        int[] shape = new int[sa.elements().size()];
        for (int i = 0; i < shape.length; i++) {
            long d = nonNegativeInteger(file, name, "shape[" + i + "]", sa.elements().get(i));
            if (d > Integer.MAX_VALUE) {
                throw bad(file, name, "shape[" + i + "] = " + d + " too large");
            }
            shape[i] = (int) d;
        }
        if (!(o.get("data_offsets") instanceof Json.Arr oa) || oa.elements().size() != 2) {
            throw bad(file, name, "'data_offsets' must be an array [begin, end]");
        }
        long begin = nonNegativeInteger(file, name, "data_offsets[0]", oa.elements().get(0));
        long end = nonNegativeInteger(file, name, "data_offsets[1]", oa.elements().get(1));
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (end < begin) {
            throw bad(file, name, range + " end before begin");
        }
        if (end > dataLen) {
            throw bad(file, name, range + " out of range: the data section has " + dataLen + " bytes");
        }
        long count = NamedArray.elementCount(shape);
        if (count > Long.MAX_VALUE / elem || count * elem != end - begin) {
            throw bad(file, name, "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + (count > Long.MAX_VALUE / elem ? "more than 2^63" : String.valueOf(count * elem))
                    + " bytes but " + range + " hold " + (end - begin));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw bad(file, name, count + " elements do not fit in a Java array");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegativeInteger(Path file, String name, String what, Json v) {
        if (!(v instanceof Json.Num num) || !num.isIntegerLiteral() || num.text().startsWith("-")) {
            throw bad(file, name, what + " must be a non-negative integer, got " + JsonWriter.write(v));
        }
        try {
            return num.longValueExact();
        } catch (ArithmeticException e) {
            throw bad(file, name, what + " = " + num.text() + " out of range");
        }
    }

    private static void checkCoverage(Path file, List<Entry> entries, long dataLen) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry prev = null;
        for (Entry e : byOffset) {
            if (e.begin() < covered) {
                throw bad(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor '"
                        + prev.name() + "' [" + prev.begin() + ", " + prev.end() + "]");
            }
            if (e.begin() > covered) {
                throw bad(file, e.name(), "bytes [" + covered + ", " + e.begin() + ") of the data section "
                        + (prev == null ? "before it" : "between '" + prev.name() + "' and it")
                        + " are not covered by any tensor");
            }
            covered = e.end();
            prev = e;
        }
        if (covered != dataLen) {
            throw bad(file, "bytes [" + covered + ", " + dataLen + ") of the data section "
                    + (prev == null ? "" : "after tensor '" + prev.name() + "' ")
                    + "are not covered by any tensor (trailing data)");
        }
    }

    private static NamedArray readData(Path file, FileChannel ch, ByteBuffer buf, Entry e, long dataStart)
            throws IOException {
        int elem = NamedArray.elementSize(e.dtype());
        int n = (int) ((e.end() - e.begin()) / elem);
        float[] f32 = e.dtype().equals("F32") ? new float[n] : null;
        double[] f64 = e.dtype().equals("F64") ? new double[n] : null;
        int[] i32 = e.dtype().equals("I32") ? new int[n] : null;
        long[] i64 = e.dtype().equals("I64") ? new long[n] : null;
        int perChunk = CHUNK / elem;
        long pos = dataStart + e.begin();
        for (int off = 0; off < n; off += perChunk) {
            int k = Math.min(perChunk, n - off);
            buf.clear().limit(k * elem);
            readFully(file, ch, buf, pos);
            buf.flip();
            if (f32 != null) {
                buf.asFloatBuffer().get(f32, off, k);
            } else if (f64 != null) {
                buf.asDoubleBuffer().get(f64, off, k);
            } else if (i32 != null) {
                buf.asIntBuffer().get(i32, off, k);
            } else {
                buf.asLongBuffer().get(i64, off, k);
            }
            pos += (long) k * elem;
        }
        return new NamedArray(e.name(), e.dtype(), e.shape(), f32, f64, i32, i64);
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw bad(file, "truncated: unexpected end of file at byte " + pos);
            }
            pos += r;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CheckpointException bad(Path file, String what) {
        return new CheckpointException(file + ": " + what);
    }

    private static CheckpointException bad(Path file, String tensor, String what) {
        return new CheckpointException(file + ": tensor '" + tensor + "': " + what);
    }
}
