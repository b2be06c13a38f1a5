package io.contrast4j.samplers.corpus;

/** A (second) teacher's score of corpus document {@code doc} for query row {@code query}; must be thread-safe. */
@FunctionalInterface
public interface PairScorer {
    double score(int query, int doc);
}
