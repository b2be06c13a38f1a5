package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/**
 * A projection head on pooled embeddings (SimCLR, Chen et al. 2020): W₂·act(W₁·x + b₁) + b₂, or one Linear when
 * {@code hidden = 0}. Children {@code fc1, act, fc2} (or {@code fc}). Default activation ReLU.
 */
public final class ProjectionHead extends Module {
    private final Module net;
    private final int in, hidden, out;

    public ProjectionHead(int in, int hidden, int out, DType dtype, Rng rng) {
        this(in, hidden, out, Activation.relu(), dtype, rng);
    }

    public ProjectionHead(int in, int hidden, int out, Activation act, DType dtype, Rng rng) {
        if (hidden < 0) throw new IllegalArgumentException("ProjectionHead: hidden must be >= 0, got " + hidden);
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        if (hidden == 0) {
            this.net = child("fc", new Linear(in, out, true, dtype, rng));
        } else {
            Linear fc1 = child("fc1", new Linear(in, hidden, true, dtype, rng));
            Activation a = child("act", act);
            Linear fc2 = child("fc2", new Linear(hidden, out, true, dtype, rng));
            // the three are registered above under their own names; this only orders the calls
            this.net = new Module() {
                @Override
                public Tensor forward(Tensor x) {
                    return fc2.forward(a.forward(fc1.forward(x)));
                }
            };
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return net.forward(x);
    }

    @Override
    protected String describe() {
        return "ProjectionHead(" + in + (hidden > 0 ? " -> " + hidden : "") + " -> " + out + ")";
    }
}
