package io.contrast4j.trainer.metrics;

/** (anchor, positive, negative) embedding triplets, row-aligned (ST {@code TripletEvaluator}, M05). */
public record Triplets(float[][] anchors, float[][] positives, float[][] negatives) implements MetricInput {
    public Triplets {
        int d = Check.matrix("anchors", anchors);
        int dp = Check.matrix("positives", positives);
        int dn = Check.matrix("negatives", negatives);
        Check.sameLength("anchors", anchors.length, "positives", positives.length);
        Check.sameLength("anchors", anchors.length, "negatives", negatives.length);
        if (anchors.length > 0 && (dp != d || dn != d)) {
            throw new IllegalArgumentException("dimensions differ: anchors " + d + ", positives " + dp + ", negatives " + dn);
        }
    }
}
