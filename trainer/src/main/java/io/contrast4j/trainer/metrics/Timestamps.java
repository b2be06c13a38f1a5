package io.contrast4j.trainer.metrics;

/** One timestamp per item (any monotone unit), for a temporal train/test split (M21). */
public record Timestamps(long[] times) implements MetricInput {
    public Timestamps {
        Check.notNull("times", times);
    }
}
