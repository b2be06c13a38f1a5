package io.contrast4j.trainer.metrics;

/** Benchmark results: scores[model][task], higher = better (M21 task downsampling). */
public record TaskScores(double[][] scores) implements MetricInput {
    public TaskScores {
        Check.finite("scores", scores);
        if (scores.length < 2) throw new IllegalArgumentException("scores needs at least 2 models (rows), has " + scores.length);
        if (scores[0].length < 1) throw new IllegalArgumentException("scores has no tasks (columns)");
    }
}
