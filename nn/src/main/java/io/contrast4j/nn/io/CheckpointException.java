package io.contrast4j.nn.io;

/**
 * A checkpoint file that cannot be read or written: truncated, corrupt, or inconsistent. The message names
 * the file, the tensor where relevant, and the mismatch.
 */
public final class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
