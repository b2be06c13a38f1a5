package io.contrast4j.trainer.metrics;

/** Training-set and test-set embeddings of the same dimension (M15 utilization). */
public record TrainTestEmbeddings(float[][] train, float[][] test) implements MetricInput {
    public TrainTestEmbeddings {
        int d = Check.matrix("train", train);
        int dt = Check.matrix("test", test);
        if (train.length == 0) throw new IllegalArgumentException("train is empty");
        if (test.length > 0 && d != dt) throw new IllegalArgumentException("train has dimension " + d + " but test has " + dt);
    }
}
