package io.contrast4j.gpu;

/**
 * A failed OpenCL call: carries the status code and the call's name, e.g.
 * {@code "clEnqueueNDRangeKernel(matmul) failed: CL_INVALID_WORK_GROUP_SIZE (-54)"}.
 * A build failure appends the compiler's build log after a newline.
 */
public final class ClException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String call;

    public ClException(String call, int code) {
        this(call, code, null);
    }

    /** {@code detail}, when not null or blank, is appended on the following lines (a build log). */
    public ClException(String call, int code, String detail) {
        super(call + " failed: " + ClStatus.describe(code)
                + (detail == null || detail.isBlank() ? "" : "\n" + detail.strip()));
        this.code = code;
        this.call = call;
    }

    /** The OpenCL status code (negative). */
    public int code() {
        return code;
    }

    /** The symbolic name of {@link #code()}. */
    public String statusName() {
        return ClStatus.name(code);
    }

    /** The call that failed, e.g. {@code clEnqueueNDRangeKernel(matmul)}. */
    public String call() {
        return call;
    }

    /** Throws a {@code ClException} when {@code code} is not {@code CL_SUCCESS}. */
    public static void check(int code, String call) {
        if (code != ClStatus.CL_SUCCESS) {
            throw new ClException(call, code);
        }
    }
}
