package io.contrast4j.autograd;

/** Element types: {@code F32} for training, {@code F64} for gradient checks, {@code I32} for labels and indices (never differentiable). */
public enum DType {
    F32(4), F64(8), I32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return this != I32;
    }
}
