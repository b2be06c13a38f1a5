package io.contrast4j.nn.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A padded batch of token-id sequences for the Transformer encoder (E03).
 *
 * <p>{@code ids[b]} and {@code mask[b]} have length {@code maxLen} (the padded width); {@code mask[b][t]} is
 * true for a real token and false for padding. {@link #pack} pads on the right with
 * {@link Vocabulary#PAD_ID}, so the mask of a packed row is {@code length(b)} trues then falses.
 *
 * <p>The arrays are not copied; treat them as read-only.
 */
public record TokenBatch(int[][] ids, boolean[][] mask, int maxLen) {

    public TokenBatch {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(mask, "mask");
        if (maxLen < 0) {
            throw new IllegalArgumentException("maxLen must be >= 0, got " + maxLen);
        }
        if (ids.length != mask.length) {
            throw new IllegalArgumentException("ids has " + ids.length + " rows, mask " + mask.length);
        }
        for (int b = 0; b < ids.length; b++) {
            if (ids[b].length != maxLen || mask[b].length != maxLen) {
                throw new IllegalArgumentException("row " + b + ": ids length " + ids[b].length
                        + ", mask length " + mask[b].length + ", expected maxLen " + maxLen);
            }
        }
    }

    /**
     * Pads / truncates id sequences.
     *
     * @param sequences   token ids (e.g. {@link Vocabulary#encode}); not modified
     * @param maxLen      longest row, special tokens included (≥ 1, and ≥ 1 + the specials asked for)
     * @param prependCls  put {@link Vocabulary#CLS_ID} first
     * @param appendSep   put {@link Vocabulary#SEP_ID} after the (truncated) sequence
     * @param padToMaxLen pad every row to {@code maxLen}; otherwise to the longest row of this batch
     *                    (at least 1)
     */
    public static TokenBatch pack(List<int[]> sequences, int maxLen, boolean prependCls, boolean appendSep,
                                  boolean padToMaxLen) {
        Objects.requireNonNull(sequences, "sequences");
        int specials = (prependCls ? 1 : 0) + (appendSep ? 1 : 0);
        if (maxLen < specials + 1) {
            throw new IllegalArgumentException("maxLen must be >= " + (specials + 1)
                    + " (special tokens + one token), got " + maxLen);
        }
        int room = maxLen - specials;
        int[] lengths = new int[sequences.size()];
        int longest = 1;
        for (int b = 0; b < lengths.length; b++) {
            int[] s = sequences.get(b);
            if (s == null) {
                throw new IllegalArgumentException("sequences[" + b + "] is null");
            }
            lengths[b] = Math.min(s.length, room) + specials;
            longest = Math.max(longest, lengths[b]);
        }
        int width = padToMaxLen ? maxLen : longest;
        int[][] ids = new int[lengths.length][width];
        boolean[][] mask = new boolean[lengths.length][width];
        for (int b = 0; b < lengths.length; b++) {
            int[] s = sequences.get(b);
            int[] row = ids[b];
            int k = 0;
            if (prependCls) {
                row[k++] = Vocabulary.CLS_ID;
            }
            int n = Math.min(s.length, room);
            System.arraycopy(s, 0, row, k, n);
            k += n;
            if (appendSep) {
                row[k++] = Vocabulary.SEP_ID;
            }
            Arrays.fill(row, k, width, Vocabulary.PAD_ID);
            Arrays.fill(mask[b], 0, k, true);
        }
        return new TokenBatch(ids, mask, width);
    }

    /** Tokenizes each text, maps it through {@code vocabulary}, then {@link #pack}. */
    public static TokenBatch encode(List<String> texts, Tokenizer tokenizer, Vocabulary vocabulary, int maxLen,
                                    boolean prependCls, boolean appendSep, boolean padToMaxLen) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(vocabulary, "vocabulary");
        List<int[]> seqs = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null");
            }
            seqs.add(vocabulary.encode(tokenizer.tokenize(t)));
        }
        return pack(seqs, maxLen, prependCls, appendSep, padToMaxLen);
    }

    public int batchSize() {
        return ids.length;
    }

    /** Number of real (unmasked) tokens in row {@code b}. */
    public int length(int b) {
        int n = 0;
        for (boolean m : mask[b]) {
            if (m) {
                n++;
            }
        }
        return n;
    }

    /** Real-token counts of all rows. */
    public int[] lengths() {
        int[] out = new int[ids.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = length(b);
        }
        return out;
    }

    /** Ids row-major, shape [batch, maxLen]. */
    public int[] flatIds() {
        int[] out = new int[ids.length * maxLen];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 0, out, b * maxLen, maxLen);
        }
        return out;
    }

    /** Mask row-major as floats, shape [batch, maxLen]: 1 for a token, 0 for padding (mean pooling weights). */
    public float[] flatMask() {
        float[] out = new float[ids.length * maxLen];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < maxLen; t++) {
                out[b * maxLen + t] = mask[b][t] ? 1f : 0f;
            }
        }
        return out;
    }

    /**
     * Additive attention bias row-major, shape [batch, maxLen]: 0 for a token, {@code padValue} (e.g. -1e9f or
     * {@link Float#NEGATIVE_INFINITY}) for padding, to add to attention logits over keys.
     */
    public float[] additiveMask(float padValue) {
        float[] out = new float[ids.length * maxLen];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < maxLen; t++) {
                out[b * maxLen + t] = mask[b][t] ? 0f : padValue;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenBatch t && maxLen == t.maxLen && Arrays.deepEquals(ids, t.ids)
                && Arrays.deepEquals(mask, t.mask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(ids) + Arrays.deepHashCode(mask) + maxLen;
    }

    @Override
    public String toString() {
        return "TokenBatch[batch=" + ids.length + ", maxLen=" + maxLen + "]";
    }
}
