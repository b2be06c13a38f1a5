package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/** y = activation(W·x + b) (sentence-transformers Dense; catalog E02; default activation tanh). Children {@code linear, act}. */
public final class Dense extends Module {
    /** Catalog E02 covers ST's Normalize, Dense, LayerNorm and Dropout ({@link Normalize}, this, {@link LayerNorm}, {@link Dropout}). */
    public static final io.contrast4j.autograd.registry.CatalogInfo INFO = new io.contrast4j.autograd.registry.CatalogInfo("E02",
            "Normalize, Dense, LayerNorm, Dropout modules", "encoder", "T1", "sentence-transformers Normalize, Dense, LayerNorm, Dropout",
            "x/‖x‖; tanh(Wx + b); LayerNorm; inverted dropout");

    private final Linear linear;
    private final Activation act;

    public Dense(int in, int out, DType dtype, Rng rng) {
        this(in, out, true, Activation.tanh(), dtype, rng);
    }

    public Dense(int in, int out, boolean bias, Activation act, DType dtype, Rng rng) {
        this.linear = child("linear", new Linear(in, out, bias, dtype, rng));
        this.act = child("act", act);
    }

    @Override
    public Tensor forward(Tensor x) {
        return act.forward(linear.forward(x));
    }
}
