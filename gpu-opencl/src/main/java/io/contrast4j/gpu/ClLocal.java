package io.contrast4j.gpu;

/**
 * A kernel argument that reserves {@code bytes} of {@code __local} memory per work-group
 * ({@code clSetKernelArg(k, i, bytes, NULL)}).
 */
public record ClLocal(long bytes) {
    public ClLocal {
        if (bytes <= 0) {
            throw new IllegalArgumentException("local memory size must be positive, got " + bytes);
        }
    }
}
