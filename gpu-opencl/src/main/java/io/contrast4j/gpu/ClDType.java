package io.contrast4j.gpu;

/** Element types a {@link ClBuffer} can hold, with their OpenCL C spelling. */
public enum ClDType {
    F32(4, "float"),
    F64(8, "double"),
    I32(4, "int");

    private final int bytes;
    private final String cType;

    ClDType(int bytes, String cType) {
        this.bytes = bytes;
        this.cType = cType;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The OpenCL C type name. */
    public String cType() {
        return cType;
    }

    public boolean isFloating() {
        return this != I32;
    }
}
