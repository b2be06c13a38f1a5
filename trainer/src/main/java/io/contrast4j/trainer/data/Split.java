package io.contrast4j.trainer.data;

/** Which part of a data set: training, development (validation) or test. */
public enum Split {
    TRAIN, DEV, TEST
}
