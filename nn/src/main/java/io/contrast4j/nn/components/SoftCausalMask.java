package io.contrast4j.nn.components;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.MultiHeadSelfAttention;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerEncoder;

/**
 * Soft causal-to-bidirectional attention mask (catalog E13, T2; Conan-Embedding-v2, Li et al. 2025): logits from
 * query i to a future key j &gt; i get + log α (α = 0: causal, −1e9; α = 1: bidirectional), α ramping 0 → 1 over
 * training as the objective moves from token-level to sentence-level. α is a constant per step (set by the caller,
 * e.g. {@link #linearRamp}). Formula not verified against the paper: follows CATALOG.md ([K?]).
 */
public final class SoftCausalMask extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E13", "Soft causal-to-bidirectional attention mask", "encoder", "T2",
            "Conan-Embedding-v2 (Li et al. 2025)", "logit_ij += log α_t for j > i; α_t: 0 → 1 over training");

    private final TransformerEncoder encoder;
    private double alpha;

    public SoftCausalMask(TransformerEncoder encoder, double alpha) {
        this.encoder = child("encoder", encoder);
        setAlpha(alpha);
    }

    public void setAlpha(double a) {
        if (!(a >= 0 && a <= 1)) throw new IllegalArgumentException("SoftCausalMask: alpha must be in [0, 1], got " + a);
        this.alpha = a;
    }

    public double alpha() {
        return alpha;
    }

    /** α at {@code step} of a linear ramp from 0 to 1 over {@code steps}. */
    public static double linearRamp(long step, long steps) {
        return steps <= 0 ? 1 : Math.min(1, Math.max(0, step / (double) steps));
    }

    /** The additive bias {@code [T, T]}: log α above the diagonal (−1e9 when α = 0), 0 elsewhere. */
    public Tensor bias(int t, io.contrast4j.autograd.DType dtype) {
        double v = alpha == 0 ? MultiHeadSelfAttention.MASK_VALUE : Math.log(alpha);
        double[] b = new double[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) b[i * t + j] = v;
        return Tensor.of(b, t, t).to(dtype);
    }

    public Tensor forward(TokenInput in) {
        Tensor x = encoder.embed(in.ids());
        return encoder.forwardEmbedded(x, in.mask(), bias(in.length(), x.dtype()));
    }

    @Override
    public Tensor forward(Tensor ids) {
        return forward(TokenInput.of(ids));
    }

    @Override
    protected String describe() {
        return "SoftCausalMask(alpha=" + alpha + ")";
    }
}
