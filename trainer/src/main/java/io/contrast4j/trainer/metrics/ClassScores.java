package io.contrast4j.trainer.metrics;

/** Class scores (N x C: logits or probabilities, higher = more likely) and the true class per row. */
public record ClassScores(double[][] scores, int[] labels) implements MetricInput {
    public ClassScores {
        int c = Check.matrix("scores", scores);
        Check.finite("scores", scores);
        Check.notNull("labels", labels);
        Check.sameLength("scores", scores.length, "labels", labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not in [0," + c + ")");
        }
    }
}
