package io.contrast4j.autograd;

/** Thrown by the non-finite check: names the first op that produced NaN or Inf and its input and output shapes. */
public final class NonFiniteException extends ArithmeticException {
    private final String op;

    public NonFiniteException(String op, String detail) {
        super("non-finite value (NaN/Inf) produced by op '" + op + "': " + detail);
        this.op = op;
    }

    public String op() {
        return op;
    }
}
