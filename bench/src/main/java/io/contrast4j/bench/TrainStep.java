package io.contrast4j.bench;

/** One training step of a benchmark workload (forward, backward, optimizer update) on a fixed batch size. */
public interface TrainStep {
    /** Samples (rows of the batch) processed by one {@link #step()}. */
    int batchSize();

    /** Runs one step; returns the loss so the work cannot be optimised away. */
    double step();
}
