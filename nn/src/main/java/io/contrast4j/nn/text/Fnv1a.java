package io.contrast4j.nn.text;

import java.nio.charset.StandardCharsets;

/**
 * 32-bit FNV-1a hash (Fowler, Noll, Vo), the string hash fastText uses for subword buckets.
 *
 * <p>{@code h = 2166136261; for each byte b: h = (h XOR b) * 16777619 (mod 2^32)}, over the UTF-8 bytes of
 * the string. Results are returned as the unsigned value in an {@code int} (use
 * {@link Integer#toUnsignedLong(int)} to get 0..2^32-1).
 *
 * <p>fastText's C++ code XORs {@code uint32_t(int8_t(byte))}, i.e. it sign-extends bytes ≥ 0x80. This is
 * the same as the textbook hash for ASCII and different for every other character.
 * {@link #hash(byte[], int, int)} is the textbook definition; {@link #hashSignExtended(byte[], int, int)}
 * reproduces fastText bit for bit.
 */
public final class Fnv1a {

    /** FNV-1a 32-bit offset basis, 2166136261. */
    public static final int OFFSET_BASIS = 0x811C9DC5;
    /** FNV-1a 32-bit prime, 16777619. */
    public static final int PRIME = 0x01000193;

    private Fnv1a() {
    }

    /** Textbook FNV-1a 32 of the UTF-8 bytes of {@code s}. */
    public static int hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return hash(b, 0, b.length);
    }

    /** Textbook FNV-1a 32 of {@code bytes[off, off+len)} (bytes taken as unsigned). */
    public static int hash(byte[] bytes, int off, int len) {
        int h = OFFSET_BASIS;
        for (int i = off, end = off + len; i < end; i++) {
            h ^= bytes[i] & 0xFF;
            h *= PRIME;
        }
        return h;
    }

    /** fastText's variant: bytes are sign-extended before the XOR (differs for non-ASCII only). */
    public static int hashSignExtended(byte[] bytes, int off, int len) {
        int h = OFFSET_BASIS;
        for (int i = off, end = off + len; i < end; i++) {
            h ^= bytes[i];
            h *= PRIME;
        }
        return h;
    }
}
