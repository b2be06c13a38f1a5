package io.contrast4j.samplers.index;

import java.util.Objects;

/**
 * Result of a batched top-k search: row {@code q} holds the neighbours of query {@code q}, best first.
 *
 * <p>For {@link Metric#DOT} and {@link Metric#COSINE} {@code scores} are similarities in descending order; for
 * {@link Metric#L2} they are Euclidean distances in ascending order; for {@link Bm25} they are BM25 scores in
 * descending order. Equal scores are ordered by lower id. A row can be shorter than k when fewer than k
 * candidates remain after exclusions (or, for BM25, when fewer than k documents share a term with the query).
 *
 * @param ids    {@code ids[q][r]}: id of the r-th neighbour of query q
 * @param scores {@code scores[q][r]}: its score or distance
 */
public record TopK(int[][] ids, float[][] scores) {
    public TopK {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(scores, "scores");
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids has " + ids.length + " rows but scores has " + scores.length);
        }
        for (int q = 0; q < ids.length; q++) {
            if (ids[q].length != scores[q].length) {
                throw new IllegalArgumentException("row " + q + ": " + ids[q].length + " ids but " + scores[q].length + " scores");
            }
        }
    }

    /** Number of queries (rows). */
    public int queries() {
        return ids.length;
    }
}
