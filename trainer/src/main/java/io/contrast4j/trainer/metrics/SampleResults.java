package io.contrast4j.trainer.metrics;

/**
 * Sample-level results of several configurations: scores[sample][config], higher = better, {@code NaN} = not
 * evaluated (M22 Plackett–Luce aggregation; sparse by design).
 */
public record SampleResults(double[][] scores) implements MetricInput {
    public SampleResults {
        Check.matrix("scores", scores);
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores[i].length; j++) {
                if (Double.isInfinite(scores[i][j])) throw new IllegalArgumentException("scores[" + i + "][" + j + "] is infinite");
            }
        }
    }
}
