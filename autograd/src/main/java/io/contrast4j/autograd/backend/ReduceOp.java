package io.contrast4j.autograd.backend;

/** Reductions over the middle axis of an {@code [outer, r, inner]} view. */
public enum ReduceOp { SUM, MAX, MIN }
