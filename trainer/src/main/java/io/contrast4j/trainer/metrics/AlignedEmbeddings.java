package io.contrast4j.trainer.metrics;

/**
 * Row-aligned embedding pairs: source/target translations (M07), student/teacher (M07 MSE), or two views /
 * positive pairs (M09 alignment).
 */
public record AlignedEmbeddings(float[][] source, float[][] target) implements MetricInput {
    public AlignedEmbeddings {
        int d = Check.matrix("source", source);
        int dt = Check.matrix("target", target);
        Check.sameLength("source", source.length, "target", target.length);
        if (source.length > 0 && d != dt) throw new IllegalArgumentException("source has dimension " + d + " but target has " + dt);
    }
}
