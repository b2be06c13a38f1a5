package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/** L2 normalisation over the last axis, x / max(‖x‖, 1e-12) (sentence-transformers Normalize; catalog E02). */
public final class Normalize extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.normalize(x.rank() - 1);
    }
}
