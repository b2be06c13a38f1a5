package io.contrast4j.trainer.metrics;

/** Unlabelled embeddings, N x D. */
public record Embeddings(float[][] z) implements MetricInput {
    public Embeddings {
        Check.matrix("z", z);
    }
}
