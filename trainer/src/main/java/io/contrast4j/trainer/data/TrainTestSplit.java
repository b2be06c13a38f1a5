package io.contrast4j.trainer.data;

import java.util.Objects;

/** A data set cut in two: the part to train on and the part to evaluate on. */
public record TrainTestSplit(LabelledDataset train, LabelledDataset test) {
    public TrainTestSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
