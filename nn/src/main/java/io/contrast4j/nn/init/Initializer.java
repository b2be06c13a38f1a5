package io.contrast4j.nn.init;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;

/** Creates a parameter tensor of a given shape from a seeded {@link Rng}; see {@link Init} for the standard ones. */
@FunctionalInterface
public interface Initializer {
    Tensor create(DType dtype, Rng rng, int... shape);
}
