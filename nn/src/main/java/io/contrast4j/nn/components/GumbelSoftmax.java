package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

/**
 * Gumbel-softmax and the straight-through estimator (catalog E22, T2; Jang et al. 2017, Maddison et al. 2017; used
 * by Gumbel-Softmax Flow Matching): y = softmax((log π + g)/τ), g = −log(−log u), u ~ U(0,1) drawn in float64
 * (float32 noise lowers the effective temperature); hard: forward onehot(argmax y), backward through y
 * (y + sg(onehot − y)). Input: logits (log π up to a constant) over the last axis. Defaults τ = 1, hard = false.
 * In eval mode no noise is added (softmax(logits/τ), or its argmax one-hot when hard).
 */
public final class GumbelSoftmax extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E22", "Gumbel-softmax and straight-through estimator", "encoder", "T2",
            "Jang et al. 2017; Maddison et al. 2017; Gumbel-Softmax Flow Matching (s000)",
            "y = softmax((log π + g)/τ), g = −log(−log u); ST: onehot(argmax y) + sg-trick");

    private final double tau;
    private final boolean hard;
    private Rng rng;

    public GumbelSoftmax(double tau, boolean hard, Rng rng) {
        if (!(tau > 0)) throw new IllegalArgumentException("GumbelSoftmax: tau must be > 0, got " + tau);
        this.tau = tau;
        this.hard = hard;
        this.rng = rng;
    }

    public void reseed(long seed) {
        this.rng = new Rng(seed);
    }

    /** Gumbel(0, 1) noise, drawn in float64. */
    public static Tensor gumbelNoise(Rng rng, int... shape) {
        Tensor u = Tensor.rand(DType.F64, rng, 0, 1, shape).clamp(1e-300, 1 - 1e-16);
        return u.log().neg().log().neg();
    }

    /** The soft sample with the given noise. */
    public static Tensor soft(Tensor logits, Tensor noise, double tau) {
        return logits.add(noise.to(logits.dtype())).div(tau).softmax(logits.rank() - 1);
    }

    /** onehot(argmax y) in the forward pass, ∂y in the backward pass. */
    public static Tensor straightThrough(Tensor y) {
        Tensor idx = y.detach().topk(1, true);
        Tensor oneHot = Tensor.zeros(y.dtype(), y.shape()).scatterAdd(y.rank() - 1, idx, Tensor.ones(y.dtype(), idx.shape()));
        return Tensor.straightThrough(oneHot, y);
    }

    @Override
    public Tensor forward(Tensor logits) {
        Tensor y = isTraining() ? soft(logits, gumbelNoise(rng, logits.shape()), tau) : logits.div(tau).softmax(logits.rank() - 1);
        return hard ? straightThrough(y) : y;
    }

    @Override
    protected String describe() {
        return "GumbelSoftmax(tau=" + tau + (hard ? ", hard)" : ")");
    }
}
