package io.contrast4j.autograd.backend;

/** Elementwise unary kernels. {@code p1}/{@code p2} parameters: LEAKY_RELU slope; CLAMP lo, hi; POW_SCALAR exponent; SCALE factor, ADD_SCALAR shift. */
public enum UnaryOp {
    NEG, EXP, LOG, LOG1P, SQRT, ABS, RELU, LEAKY_RELU, SIGMOID, TANH, GELU, SOFTPLUS, CLAMP, SIGN, POW_SCALAR, AFFINE,
    /** d gelu / dx. */
    GELU_GRAD,
    /** 1 where x > 0 else 0 (relu mask). */
    STEP
}
