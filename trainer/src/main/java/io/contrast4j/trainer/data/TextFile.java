package io.contrast4j.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads input files for the loaders: whole-file bytes (gunzipped when the content starts with
 * the gzip magic bytes), strict UTF-8 decoding (malformed input is reported with its line, never
 * replaced) and splitting into lines. Every failure is a {@link DataException} naming the file.
 */
public final class TextFile {
    private TextFile() {
    }

    /** The bytes of {@code file}, decompressed if gzipped. */
    public static byte[] readBytes(Path file) {
        byte[] raw;
        try {
            if (Files.isDirectory(file)) throw new DataException(file, 0, "is a directory, expected a file");
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file, 0, "file not found");
        } catch (AccessDeniedException e) {
            throw new DataException(file, 0, "permission denied");
        } catch (IOException e) {
            throw new DataException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        return gunzipIfNeeded(file.toString(), raw);
    }

    /** The bytes of a class-path resource next to this class (e.g. {@code "digits.csv.gz"}), decompressed if gzipped. */
    public static byte[] readResource(String name) {
        String source = "classpath:io/contrast4j/trainer/data/" + name;
        try (InputStream in = TextFile.class.getResourceAsStream(name)) {
            if (in == null) throw new DataException(source, 0, "resource not found in the jar");
            return gunzipIfNeeded(source, in.readAllBytes());
        } catch (IOException e) {
            throw new DataException(source, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} start with the gzip magic number 1f 8b. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    static byte[] gunzipIfNeeded(String source, byte[] raw) {
        if (!isGzip(raw)) return raw;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException(source, 0, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} as strict UTF-8 and splits it into lines (see {@link #decodeLines}). */
    public static List<String> readLines(Path file) {
        return decodeLines(file.toString(), readBytes(file));
    }

    /**
     * Decodes {@code bytes} as UTF-8 with a decoder that reports malformed and unmappable input,
     * drops a leading byte-order mark and splits on '\n' (a trailing '\r' is removed). Element i is
     * line i + 1; blank lines are kept so that line numbers stay right.
     *
     * @throws DataException naming the line of the first invalid byte sequence
     */
    public static List<String> decodeLines(String source, byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) throw invalidUtf8(source, bytes, in.position());
        r = dec.flush(out);
        if (r.isError()) throw invalidUtf8(source, bytes, in.position());
        out.flip();
        String text = out.toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        return splitLines(text);
    }

    /** Splits on '\n', removing one trailing '\r' per line; a final empty line after the last '\n' is dropped. */
    public static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int e = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, e));
            if (nl < 0) break;
            start = nl + 1;
        }
        return lines;
    }

    /** Whether every line is blank (also true for no lines). */
    public static boolean allBlank(List<String> lines) {
        for (String l : lines) if (!l.isBlank()) return false;
        return true;
    }

    private static DataException invalidUtf8(String source, byte[] bytes, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < bytes.length; i++) if (bytes[i] == '\n') line++;
        String hex = pos < bytes.length ? String.format(" (0x%02x)", bytes[pos] & 0xff) : "";
        return new DataException(source, line, "invalid UTF-8 byte sequence at byte offset " + pos + hex);
    }
}
