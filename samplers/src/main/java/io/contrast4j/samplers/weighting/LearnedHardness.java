package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S415 · Learned hardness by adversarial weighting (Xiao et al. 2023, <i>Not All Pixels Are Equal: Learning Pixel
 * Hardness for Semantic Segmentation</i>). A hardness branch h_φ(x) = x·W + b (per sample or per token) gives
 * w = softplus(h)/mean(softplus(h)) (mean 1). The model minimises {@link #modelLoss} = mean(sg(w)·ℓ); the branch
 * maximises mean(w·sg(ℓ)), i.e. minimises {@link #branchLoss} = −mean(w·sg(ℓ)). The paper's use of global and
 * historical loss is left to the caller (pass whichever ℓ to the branch). Formula not verified against the paper:
 * follows CATALOG.md ([K?]). Parameters W (D x 1), b (1) are learnable tensors ({@link #parameters()}).
 */
public final class LearnedHardness implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S415", "Learned hardness by adversarial weighting", "reweighting", "T2",
            "Xiao et al. 2023, Not All Pixels Are Equal: Learning Pixel Hardness for Semantic Segmentation",
            "w = softplus(h_φ)/mean; model min mean(sg(w)ℓ); φ max mean(w sg(ℓ))");
    private final Tensor weight, bias;

    public LearnedHardness(int dim, DType dtype, Rng rng) {
        if (dim < 1) throw new IllegalArgumentException("S415: parameter 'dim' must be >= 1, got " + dim);
        this.weight = Tensor.randn(dtype, rng, dim, 1).mul(1.0 / Math.sqrt(dim)).detach().requiresGrad(true);
        this.bias = Tensor.zeros(dtype, 1).requiresGrad(true);
    }

    public LearnedHardness(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || weight.dim(1) != 1) throw new IllegalArgumentException("S415: weight must be D x 1");
        if (bias.rank() != 1 || bias.dim(0) != 1) throw new IllegalArgumentException("S415: bias must have shape [1]");
        this.weight = weight;
        this.bias = bias;
    }

    public LearnedHardness() {
        this(1, DType.F32, new Rng(0));
    }

    public List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    /** Weights (N) with mean 1, on the tape in φ. */
    public Tensor weights(Tensor features) {
        if (features.rank() != 2 || features.dim(1) != weight.dim(0)) {
            throw new IllegalArgumentException("S415: features must be N x " + weight.dim(0) + ", got " + java.util.Arrays.toString(features.shape()));
        }
        Tensor s = features.matmul(weight).add(bias).softplus().reshape(features.dim(0));
        return s.div(s.mean());
    }

    /** Model side: mean(sg(w)·ℓ). */
    public Tensor modelLoss(Tensor features, Tensor losses) {
        return weights(features).stopGradient().mul(check(features, losses)).mean();
    }

    /** Branch side: −mean(w·sg(ℓ)). */
    public Tensor branchLoss(Tensor features, Tensor losses) {
        return weights(features).mul(check(features, losses).stopGradient()).mean().neg();
    }

    private static Tensor check(Tensor f, Tensor l) {
        if (l.rank() != 1 || l.dim(0) != f.dim(0)) throw new IllegalArgumentException("S415: losses must have shape [" + f.dim(0) + "], got " + java.util.Arrays.toString(l.shape()));
        return l;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("features", "N x D", "inputs of the hardness branch"), Input.floats("losses", "N", "per-sample losses"));
    }
}
