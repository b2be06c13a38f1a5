package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S417 · Gradient-scaling soft mining + coherence loss, INP-Former (Luo et al. 2025, <i>Exploring Intrinsic Normal
 * Prototypes within a Single Image for Universal Anomaly Detection</i>; [V] INP-Former
 * {@code global_cosine_hm_adaptive}). Encoder features E (B x T x C, detached) and decoder features D (B x T x C):
 * forward L = mean_b(1 − cos(flatten(E_b), flatten(D_b))); backward: the gradient reaching decoder token (b, p) is
 * multiplied by (d_p / mean d)^γ, d_p = 1 − cos(E_bp, D_bp) (sg, mean over all tokens), realised as the
 * gradient-scale op D' = s⊙D + (1 − s)⊙sg(D) (identity forward, scaled backward). Coherence loss
 * {@link #coherence} = mean_i min_j (1 − cos(f_i, INP_j)). Default γ = 3.
 * The scaled backward is intentionally not the gradient of the forward (checked against scale × finite differences).
 */
public final class GradientScaledCosine implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S417", "Gradient-scaling soft mining + coherence loss (INP-Former)", "reweighting", "T2",
            "Luo et al. 2025, Exploring Intrinsic Normal Prototypes within a Single Image for Universal Anomaly Detection (INP-Former)",
            "L = mean_b(1 − cos(flat E_b, flat D_b)); ∂ at token p × (d_p/mean d)^γ; coherence mean_i min_j (1 − cos(f_i, INP_j))");
    private final double gamma;

    public GradientScaledCosine(double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("S417: parameter 'gamma' must be >= 0, got " + gamma);
        this.gamma = gamma;
    }

    public GradientScaledCosine() {
        this(3);
    }

    /** Per-token scales (B x T x 1), detached: (d_p / mean d)^γ. */
    public Tensor scales(Tensor enc, Tensor dec) {
        check(enc, dec);
        try (var g = Grad.off()) {
            Tensor d = enc.detach().normalize(2).mul(dec.detach().normalize(2)).sum(new int[]{2}, true).neg().add(1.0);
            Tensor r = d.div(d.mean());
            return (gamma == 0 ? r.mul(0.0).add(1.0) : r.clampMin(0).pow(gamma)).detach();
        }
    }

    /** The loss with the scaled backward. */
    public Tensor loss(Tensor enc, Tensor dec) {
        Tensor s = scales(enc, dec);
        Tensor scaled = dec.mul(s).add(dec.stopGradient().mul(s.neg().add(1.0)));
        int b = dec.dim(0), n = dec.dim(1) * dec.dim(2);
        Tensor e = enc.stopGradient().reshape(b, n).normalize(1), d = scaled.reshape(b, n).normalize(1);
        return e.mul(d).sum(1).neg().add(1.0).mean();
    }

    /** mean_i min_j (1 − cos(f_i, INP_j)) for features N x C and prototypes M x C. */
    public static Tensor coherence(Tensor features, Tensor prototypes) {
        if (features.rank() != 2 || prototypes.rank() != 2 || features.dim(1) != prototypes.dim(1)) {
            throw new IllegalArgumentException("S417: features (N x C) and prototypes (M x C) must share C");
        }
        Tensor cos = features.normalize(1).matmul(prototypes.normalize(1), false, true);
        return cos.neg().add(1.0).min(1).mean();
    }

    private static void check(Tensor e, Tensor d) {
        if (e.rank() != 3 || !java.util.Arrays.equals(e.shape(), d.shape())) {
            throw new IllegalArgumentException("S417: encoder and decoder features must both be B x T x C, got "
                    + java.util.Arrays.toString(e.shape()) + " and " + java.util.Arrays.toString(d.shape()));
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma", String.valueOf(gamma));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("encoder", "B x T x C", "encoder features (detached)"), Input.floats("decoder", "B x T x C", "decoder features"));
    }
}
