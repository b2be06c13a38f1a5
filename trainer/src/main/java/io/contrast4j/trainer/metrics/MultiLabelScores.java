package io.contrast4j.trainer.metrics;

/** Multi-label scores (N x C, higher = more likely) and the true label sets as N x C booleans. */
public record MultiLabelScores(double[][] scores, boolean[][] labels) implements MetricInput {
    public MultiLabelScores {
        int c = Check.matrix("scores", scores);
        Check.finite("scores", scores);
        Check.notNull("labels", labels);
        Check.sameLength("scores", scores.length, "labels", labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null || labels[i].length != c) throw new IllegalArgumentException("labels[" + i + "] must have " + c + " entries");
        }
    }
}
