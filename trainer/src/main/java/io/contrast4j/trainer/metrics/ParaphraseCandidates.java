package io.contrast4j.trainer.metrics;

import java.util.List;

/** Sentence embeddings and the gold duplicate pairs among them, as index pairs {i, j} (ST {@code ParaphraseMiningEvaluator}, M07). */
public record ParaphraseCandidates(float[][] embeddings, List<int[]> goldPairs) implements MetricInput {
    public ParaphraseCandidates {
        Check.matrix("embeddings", embeddings);
        Check.noNulls("goldPairs", goldPairs);
        for (int p = 0; p < goldPairs.size(); p++) {
            int[] g = goldPairs.get(p);
            if (g.length != 2 || g[0] == g[1] || g[0] < 0 || g[1] < 0 || g[0] >= embeddings.length || g[1] >= embeddings.length) {
                throw new IllegalArgumentException("goldPairs.get(" + p + ") must be two distinct indices in [0," + embeddings.length + ")");
            }
        }
        goldPairs = List.copyOf(goldPairs);
    }
}
