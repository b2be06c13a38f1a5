package io.contrast4j.trainer.metrics;

/** Frozen embeddings split into a labelled train (support) set and a labelled test (query) set (M16 probes). */
public record ProbeSplit(float[][] train, int[] trainLabels, float[][] test, int[] testLabels) implements MetricInput {
    public ProbeSplit {
        int d = Check.matrix("train", train);
        int dt = Check.matrix("test", test);
        if (train.length == 0) throw new IllegalArgumentException("train is empty");
        if (test.length > 0 && d != dt) throw new IllegalArgumentException("train has dimension " + d + " but test has " + dt);
        Check.notNull("trainLabels", trainLabels);
        Check.notNull("testLabels", testLabels);
        Check.sameLength("train", train.length, "trainLabels", trainLabels.length);
        Check.sameLength("test", test.length, "testLabels", testLabels.length);
    }
}
