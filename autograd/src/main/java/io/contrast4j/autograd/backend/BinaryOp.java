package io.contrast4j.autograd.backend;

/** Elementwise binary kernels with NumPy broadcasting. Comparisons return 1/0 in the inputs' dtype. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MIN, MAX, GT, GE, LT, LE, EQ;

    public boolean isComparison() {
        return ordinal() >= GT.ordinal();
    }
}
