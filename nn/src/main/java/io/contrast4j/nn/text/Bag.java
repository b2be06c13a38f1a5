package io.contrast4j.nn.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batch of variable-length id bags in CSR layout, the input of an EmbeddingBag (sum or mean).
 *
 * <p>Bag {@code b} holds {@code ids[offsets[b] .. offsets[b+1])}; {@code offsets.length == batch + 1},
 * {@code offsets[0] == 0}, offsets never decrease and {@code offsets[batch] == ids.length}. An empty bag
 * (equal consecutive offsets) is allowed: a text without tokens. {@code weights} is either {@code null}
 * (every id has weight 1) or parallel to {@code ids} (per-id weights for a weighted sum / mean).
 *
 * <p>The arrays are not copied (records hold them as given); treat them as read-only.
 */
public record Bag(int[] ids, int[] offsets, float[] weights) {

    public Bag {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.length < 1 || offsets[0] != 0) {
            throw new IllegalArgumentException("Bag: offsets must start with 0 and have length batch+1, got "
                    + Arrays.toString(Arrays.copyOf(offsets, Math.min(offsets.length, 8))));
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) {
                throw new IllegalArgumentException("Bag: offsets decrease at index " + i + ": "
                        + offsets[i - 1] + " > " + offsets[i]);
            }
        }
        if (offsets[offsets.length - 1] != ids.length) {
            throw new IllegalArgumentException("Bag: last offset " + offsets[offsets.length - 1]
                    + " != ids.length " + ids.length);
        }
        if (weights != null && weights.length != ids.length) {
            throw new IllegalArgumentException("Bag: weights.length " + weights.length
                    + " != ids.length " + ids.length);
        }
    }

    /** A bag batch with uniform weights. */
    public Bag(int[] ids, int[] offsets) {
        this(ids, offsets, null);
    }

    /** Number of bags (texts) in the batch. */
    public int batchSize() {
        return offsets.length - 1;
    }

    /** Number of ids in bag {@code b}. */
    public int length(int b) {
        return offsets[b + 1] - offsets[b];
    }

    /** The ids of bag {@code b} (a copy). */
    public int[] idsOf(int b) {
        return Arrays.copyOfRange(ids, offsets[b], offsets[b + 1]);
    }

    /** The weights of bag {@code b} (a copy; all ones when {@link #weights()} is null). */
    public float[] weightsOf(int b) {
        if (weights == null) {
            float[] w = new float[length(b)];
            Arrays.fill(w, 1f);
            return w;
        }
        return Arrays.copyOfRange(weights, offsets[b], offsets[b + 1]);
    }

    /** Largest id plus one (0 for an empty batch): the least embedding-table size this bag needs. */
    public int maxIdExclusive() {
        int m = -1;
        for (int id : ids) {
            m = Math.max(m, id);
        }
        return m + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bag b && Arrays.equals(ids, b.ids) && Arrays.equals(offsets, b.offsets)
                && Arrays.equals(weights, b.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(offsets)) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Bag[batch=" + batchSize() + ", ids=" + ids.length + ", weighted=" + (weights != null) + "]";
    }
}
