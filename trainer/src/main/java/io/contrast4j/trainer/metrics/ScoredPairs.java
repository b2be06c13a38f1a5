package io.contrast4j.trainer.metrics;

/** Sentence-pair embeddings (row i of {@code a} pairs with row i of {@code b}) and a gold similarity per pair (STS, M03). */
public record ScoredPairs(float[][] a, float[][] b, double[] gold) implements MetricInput {
    public ScoredPairs {
        int da = Check.matrix("a", a);
        int db = Check.matrix("b", b);
        Check.sameLength("a", a.length, "b", b.length);
        if (a.length > 0 && da != db) throw new IllegalArgumentException("a has dimension " + da + " but b has " + db);
        Check.finite("gold", gold);
        Check.sameLength("a", a.length, "gold", gold.length);
    }
}
