package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L105 · Decoupled contrastive loss (DCL / DCLW) — Yeh et al., <i>Decoupled Contrastive Learning</i> (ECCV 2022).
 * Over the 2B normalised views z (rows of {@code anchors} then {@code positives}), for each view i with partner i':
 * ℓ_i = −w_i·⟨z_i, z_i'⟩/τ + log Σ_{k∉{i,i'}} e^{⟨z_i, z_k⟩/τ} (positive removed from the denominator); L = mean_i ℓ_i
 * (symmetric over the views). DCL: w = 1. DCLW: w_i = 2 − e^{⟨z_i,z_i'⟩/σ} / mean_b e^{⟨z_b,z_b'⟩/σ};
 * {@code detach_weights} (default true) makes w sg.
 * Defaults: τ = 0.1, σ = 0.5, weighted false. [K?] τ default: formula not verified against the paper: follows
 * CATALOG.md (paper sweeps 0.1–0.5).
 */
public final class DecoupledContrastiveLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L105", "Decoupled contrastive loss (DCL / DCLW)", "contrastive", "T1",
            "Yeh et al. 2022, Decoupled Contrastive Learning",
            "ℓ_i = −w_i⟨z_i,z_i'⟩/τ + log Σ_{k∉{i,i'}} e^{⟨z_i,z_k⟩/τ}");
    private final double temperature, sigma;
    private final boolean weighted, detachWeights;

    public DecoupledContrastiveLoss(double temperature, boolean weighted, double sigma, boolean detachWeights) {
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + temperature);
        if (!(sigma > 0)) throw new IllegalArgumentException("parameter 'sigma' must be > 0, got " + sigma);
        this.temperature = temperature;
        this.sigma = sigma;
        this.weighted = weighted;
        this.detachWeights = detachWeights;
    }

    public static DecoupledContrastiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "weighted", "sigma", "detach_weights", "dtype"));
        return new DecoupledContrastiveLoss(p.getPositive("temperature", 0.1), p.getBoolean("weighted", false),
                p.getPositive("sigma", 0.5), p.getBoolean("detach_weights", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, p, null);
        int b = a.dim(0);
        if (b < 2) throw new IllegalArgumentException(INFO.id() + ": needs B >= 2 (a batch of one pair has no negatives)");
        Tensor z = Tensor.concat(List.of(a, p), 0).normalize(1);
        Tensor s = z.matmul(z, false, true);
        int n = 2 * b;
        int[] partner = new int[n];
        double[] mask = new double[n * n];
        for (int i = 0; i < n; i++) {
            partner[i] = i < b ? i + b : i - b;
            mask[i * n + i] = Double.NEGATIVE_INFINITY;
            mask[i * n + partner[i]] = Double.NEGATIVE_INFINITY;
        }
        Tensor pos = InfoNce.pickTargets(s, partner); // ⟨z_i, z_i'⟩, length 2B
        Tensor neg = s.div(temperature).add(Tensor.of(mask, n, n).to(a.dtype())).logsumexp(1);
        Tensor posTerm = pos.div(temperature);
        if (weighted) {
            Tensor e = pos.div(sigma).exp();
            Tensor w = e.div(e.mean()).affine(-1, 2);
            posTerm = posTerm.mul(detachWeights ? w.detach() : w);
        }
        return neg.sub(posTerm).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "weighted", "false", "sigma", "0.5", "detach_weights", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "first view embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "second view embeddings, row-aligned"));
    }
}
