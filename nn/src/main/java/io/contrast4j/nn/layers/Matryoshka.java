package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/**
 * Matryoshka output (Kusupati et al. 2022): keeps the first {@code dims} coordinates of an embedding
 * {@code [..., D]} and, when {@code renormalize}, L2-normalises the prefix again, so one model serves several sizes.
 */
public final class Matryoshka extends Module {
    private final int dims;
    private final boolean renormalize;

    public Matryoshka(int dims, boolean renormalize) {
        if (dims <= 0) throw new IllegalArgumentException("Matryoshka: dims must be > 0, got " + dims);
        this.dims = dims;
        this.renormalize = renormalize;
    }

    /** The first {@code dims} coordinates of the last axis, re-normalised when asked. */
    public static Tensor truncate(Tensor x, int dims, boolean renormalize) {
        int d = x.dim(-1);
        if (dims <= 0 || dims > d) throw new IllegalArgumentException("Matryoshka: dims " + dims + " outside [1, " + d + "]");
        Tensor p = x.slice(x.rank() - 1, 0, dims);
        return renormalize ? p.normalize(x.rank() - 1) : p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return truncate(x, dims, renormalize);
    }

    @Override
    protected String describe() {
        return "Matryoshka(" + dims + (renormalize ? ", renormalize)" : ")");
    }
}
