package io.contrast4j.trainer.metrics;

/**
 * Penultimate features (N x D) with labels in [0, C), and optionally the linear classifier (C x D weights,
 * C biases) on top of them (M11 neural collapse, M14 AVH). {@code weights} may be {@code null}; {@code bias} may be
 * {@code null} (zero bias).
 */
public record FeaturesWithClassifier(float[][] features, int[] labels, float[][] weights, float[] bias) implements MetricInput {
    public FeaturesWithClassifier {
        int d = Check.matrix("features", features);
        Check.notNull("labels", labels);
        Check.sameLength("features", features.length, "labels", labels.length);
        for (int i = 0; i < labels.length; i++) if (labels[i] < 0) throw new IllegalArgumentException("labels[" + i + "] is negative");
        if (weights != null) {
            int dw = Check.matrix("weights", weights);
            if (weights.length > 0 && features.length > 0 && dw != d) throw new IllegalArgumentException("weights have dimension " + dw + " but features have " + d);
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= weights.length) throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " but weights have " + weights.length + " classes");
            }
            if (bias != null && bias.length != weights.length) throw new IllegalArgumentException("bias has " + bias.length + " entries but weights have " + weights.length + " rows");
        } else if (bias != null) {
            throw new IllegalArgumentException("bias given without weights");
        }
    }
}
