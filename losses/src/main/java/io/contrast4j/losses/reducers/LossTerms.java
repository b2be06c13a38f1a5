package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;

/**
 * Unreduced loss terms of one sub-loss (PML's loss dict entry): a 1-D tensor of per-term losses, what a term is,
 * the batch indices it belongs to (anchor, and the other member for pairs), and an optional divisor (R05).
 *
 * @param losses  per-term losses (length T), or a scalar when {@code type} is ALREADY_REDUCED
 * @param type    ELEMENT (one per sample), POS_PAIR, NEG_PAIR, TRIPLET, ALREADY_REDUCED
 * @param anchors anchor (or element) index of each term, for per-anchor and class-weighted reducers; may be null
 * @param others  the pair partner of each term for pair types; may be null
 * @param divisor divisor for {@code DivisorReducer}; NaN when not supplied
 */
public record LossTerms(Tensor losses, Type type, int[] anchors, int[] others, double divisor) {
    public enum Type { ELEMENT, POS_PAIR, NEG_PAIR, TRIPLET, ALREADY_REDUCED }

    public static LossTerms elements(Tensor losses, int[] indices) {
        return new LossTerms(losses, Type.ELEMENT, indices, null, Double.NaN);
    }

    public static LossTerms pairs(Tensor losses, Type type, int[] anchors, int[] others) {
        return new LossTerms(losses, type, anchors, others, Double.NaN);
    }

    public static LossTerms triplets(Tensor losses, int[] anchors) {
        return new LossTerms(losses, Type.TRIPLET, anchors, null, Double.NaN);
    }

    public static LossTerms reduced(Tensor scalar) {
        return new LossTerms(scalar, Type.ALREADY_REDUCED, null, null, Double.NaN);
    }

    public LossTerms withDivisor(double d) {
        return new LossTerms(losses, type, anchors, others, d);
    }

    public int size() {
        return losses.numel();
    }
}
