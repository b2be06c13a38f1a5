package io.contrast4j.samplers.corpus;

import io.contrast4j.samplers.index.KnnIndex;

/** Similarity between two corpus documents (higher = more similar); must be thread-safe. */
@FunctionalInterface
public interface DocSimilarity {
    double similarity(int docA, int docB);

    /** Inner product of the stored vectors of a DOT or COSINE index (cosine for a COSINE index). */
    static DocSimilarity of(KnnIndex index) {
        if (!index.metric().higherIsBetter()) throw new IllegalArgumentException("index metric must be DOT or COSINE, got " + index.metric());
        return (a, b) -> {
            float[] x = index.vector(a), y = index.vector(b);
            double s = 0;
            for (int i = 0; i < x.length; i++) s += (double) x[i] * y[i];
            return s;
        };
    }
}
