package io.contrast4j.trainer.metrics;

/**
 * Verification pairs: a similarity score per pair (higher = more similar) and whether the pair is a true match.
 * For distances use {@link #fromDistances(double[], boolean[])}.
 */
public record VerificationPairs(double[] scores, boolean[] same) implements MetricInput {
    public VerificationPairs {
        Check.finite("scores", scores);
        Check.notNull("same", same);
        Check.sameLength("scores", scores.length, "same", same.length);
    }

    /** Negates distances so that higher means more similar. */
    public static VerificationPairs fromDistances(double[] distances, boolean[] same) {
        Check.finite("distances", distances);
        double[] s = new double[distances.length];
        for (int i = 0; i < s.length; i++) s[i] = -distances[i];
        return new VerificationPairs(s, same);
    }

    /** Scores pairs of embeddings (row i of a with row i of b) with a similarity function. */
    public static VerificationPairs fromEmbeddings(float[][] a, float[][] b, boolean[] same, Similarity sim) {
        Check.matrix("a", a);
        Check.matrix("b", b);
        Check.sameLength("a", a.length, "b", b.length);
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) s[i] = sim.score(a[i], b[i]);
        return new VerificationPairs(s, same);
    }
}
