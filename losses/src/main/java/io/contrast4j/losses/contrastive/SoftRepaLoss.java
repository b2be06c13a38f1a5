package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L121 · Contrastive fine-tuning with soft tokens (SoftREPA) — Lee et al., <i>Aligning Text to Image in Diffusion
 * Models is Easier Than You Think</i> (2025). Inputs: the noise ε_i added to item i ({@code noise}, B x D) and the
 * conditional denoiser's predictions ε̂_ij = ε_θ(x_t^i, t, [c_j; soft tokens]) of item i under every condition j
 * ({@code predictions}, B x B x D, computed by the caller's model so the gradient reaches the soft tokens).
 * ℓ_ij = −‖ε_i − ε̂_ij‖²/τ; L = mean_i CE(ℓ_i·, i): the denoising error under the matching condition must be the smallest.
 * T3 stand-in: ε_θ is a small denoising auto-encoder conditioned on the text embedding, with learnable soft tokens
 * (E12), instead of a pretrained diffusion model; the pattern "negative reconstruction error under a conditioning =
 * contrastive logit" is unchanged. Default τ = 1. Formula not verified against the paper: follows CATALOG.md.
 */
public final class SoftRepaLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L121", "Contrastive fine-tuning with soft tokens (SoftREPA)", "contrastive", "T3",
            "Lee et al. 2025, Aligning Text to Image in Diffusion Models is Easier Than You Think",
            "ℓ_ij = −‖ε_i − ε_θ(x_t^i, t, [c_j; soft])‖²/τ; InfoNCE over conditions j");
    public static final String NOISE = "noise";
    public static final String PREDICTIONS = "predictions";
    private final double tau;

    public SoftRepaLoss(double tau) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        this.tau = tau;
    }

    public static SoftRepaLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "dtype"));
        return new SoftRepaLoss(p.getPositive("temperature", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor eps = in.get(NOISE), pred = in.get(PREDICTIONS);
        int b = eps.dim(0), d = eps.dim(1);
        if (pred.dim(0) != b || pred.dim(1) != b || pred.dim(2) != d) {
            throw new IllegalArgumentException(INFO.id() + ": predictions must be B x B x D = " + b + " x " + b + " x " + d + ", got " + Arrays.toString(pred.shape()));
        }
        Tensor diff = pred.sub(eps.reshape(b, 1, d));
        Tensor logits = diff.mul(diff).sum(new int[]{2}, false).div(-tau);
        return InfoNce.ce(logits, InfoNce.arange(b)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(NOISE, "B x D", "noise ε_i added to item i"),
                Input.floats(PREDICTIONS, "B x B x D", "denoiser prediction for item i under condition j"));
    }
}
