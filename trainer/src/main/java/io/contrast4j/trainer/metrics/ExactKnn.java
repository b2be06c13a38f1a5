package io.contrast4j.trainer.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Brute-force exact k-nearest-neighbour search (float32 scores, Vector API kernels). Neighbours are ordered by
 * similarity descending (for {@link Kind#L2}: squared distance ascending); ties are broken by the lower
 * reference index. With {@code excludeSelf} the query set must be the reference set and reference i is never a
 * neighbour of query i (leave-one-out).
 */
public final class ExactKnn {
    /** Neighbour scoring. PML's default FaissKNN is {@code IndexFlatL2}, i.e. {@link #L2}. */
    public enum Kind {
        COSINE, DOT, L2;

        public static Kind parse(String s, String param) {
            for (Kind k : values()) if (k.name().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("parameter '" + param + "' must be one of cosine, dot, l2; got '" + s + "'");
        }
    }

    private ExactKnn() {
    }

    /**
     * @return for each query, up to {@code k} reference indices, nearest first (fewer when the reference set is smaller)
     */
    public static int[][] search(float[][] query, float[][] reference, int k, Kind kind, boolean excludeSelf) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        if (excludeSelf && query.length != reference.length) {
            throw new IllegalArgumentException("excludeSelf needs query and reference of equal size, got " + query.length + " and " + reference.length);
        }
        final float[][] q = kind == Kind.COSINE ? VectorMath.normalizeRows(query) : query;
        final float[][] r = kind == Kind.COSINE ? (query == reference ? q : VectorMath.normalizeRows(reference)) : reference;
        int avail = reference.length - (excludeSelf ? 1 : 0);
        int kk = Math.max(0, Math.min(k, avail));
        int[][] out = new int[query.length][];
        IntStream range = IntStream.range(0, query.length);
        if ((long) query.length * reference.length > 200_000) range = range.parallel();
        range.forEach(i -> out[i] = row(q[i], r, kk, kind, excludeSelf ? i : -1));
        return out;
    }

    private static int[] row(float[] q, float[][] r, int k, Kind kind, int self) {
        if (k == 0) return new int[0];
        // key = (sortable(-score) << 32) | index : ascending key = score descending, then index ascending
        boolean heap = k < r.length / 8;
        long[] keys = new long[heap ? k : r.length];
        int size = 0;
        for (int j = 0; j < r.length; j++) {
            if (j == self) continue;
            float s = switch (kind) {
                case COSINE, DOT -> VectorMath.dot(q, r[j]);
                case L2 -> -VectorMath.squaredL2(q, r[j]);
            };
            long key = ((long) Ranking.sortableBits(-s) << 32) | (j & 0xffffffffL);
            if (!heap) {
                keys[size++] = key;
            } else if (size < k) {
                keys[size++] = key;
                siftUp(keys, size - 1);
            } else if (key < keys[0]) {
                keys[0] = key;
                siftDown(keys, 0, size);
            }
        }
        Arrays.sort(keys, 0, size);
        int[] out = new int[Math.min(k, size)];
        for (int i = 0; i < out.length; i++) out[i] = (int) keys[i];
        return out;
    }

    // max-heap on keys (largest key = worst neighbour at the root)
    private static void siftUp(long[] h, int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (h[p] >= h[i]) return;
            long t = h[p];
            h[p] = h[i];
            h[i] = t;
            i = p;
        }
    }

    private static void siftDown(long[] h, int i, int n) {
        while (true) {
            int l = 2 * i + 1, b = i;
            if (l < n && h[l] > h[b]) b = l;
            if (l + 1 < n && h[l + 1] > h[b]) b = l + 1;
            if (b == i) return;
            long t = h[b];
            h[b] = h[i];
            h[i] = t;
            i = b;
        }
    }
}
