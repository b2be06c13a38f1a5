package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/**
 * Inverted dropout: in training, each element is kept with probability 1 − p and scaled by 1/(1 − p); the identity
 * in eval mode (or when p = 0). The mask comes from this module's own seeded {@link Rng}; {@link #reseed} restores
 * a stream (for reproducible steps and for freezing the mask in gradient checks). Catalog E02 (ST Dropout).
 */
public final class Dropout extends Module {
    private final double p;
    private Rng rng;

    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = rng;
    }

    public double p() {
        return p;
    }

    /** Restarts the mask stream from {@code seed}. */
    public void reseed(long seed) {
        this.rng = new Rng(seed);
    }

    /** Reseeds every Dropout inside {@code root} (seed + its position), e.g. to freeze masks for a gradient check. */
    public static void reseedAll(Module root, long seed) {
        int i = 0;
        for (Module m : root.modules()) if (m instanceof Dropout d) d.reseed(seed + 1000003L * i++);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        Tensor keep = Tensor.rand(x.dtype(), rng, 0, 1, x.shape()).ge(p);
        return x.mul(keep.mul(1 / (1 - p)));
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
