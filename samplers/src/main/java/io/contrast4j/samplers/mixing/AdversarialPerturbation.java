package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * S305 · Adversarial-perturbation positives and negatives, CLAPS (Lee et al. 2021, <i>Contrastive Learning with
 * Adversarial Perturbations for Conditional Text Generation</i>), ported to embeddings/hidden states H (B x D).
 * Imposter negative: H̃ = H − ε·ĝ, ĝ = g/‖g‖ per row, g = ∇_H log p(y|x) (a small step that lowers the likelihood).
 * Distant positive: H⁺ = H + η·d̂, d̂ = ∇_H L_contrast normalised per row (a larger step away from the anchor), with η
 * halved until KL(p(·|H) ‖ p(·|H⁺)) ≤ κ, so p(y|x) stays high. Directions (and the accepted η) are computed at H₀
 * under no-grad and frozen in a {@link Plan}; {@link #apply} = H + step·direction is on the tape (the gradient check
 * covers it). Add the negatives to L101 as extra columns. The positive's KL-constrained search is this
 * implementation's reading (formula not verified against the paper: follows CATALOG.md). Defaults: ε = 1, η = 5,
 * κ = 0.1, 8 halvings.
 */
public final class AdversarialPerturbation implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S305", "Adversarial-perturbation positives and negatives (CLAPS)", "mixing", "T2",
            "Lee et al. 2021, Contrastive Learning with Adversarial Perturbations for Conditional Text Generation",
            "H̃ = H − ε g/‖g‖, g = ∇_H log p(y|x); H⁺ = H + η d/‖d‖ with KL(p(·|H)‖p(·|H⁺)) ≤ κ");

    /** Frozen perturbation: unit-norm directions (B x D, detached) and the step. */
    public record Plan(Tensor direction, double step) {
    }

    private final double eps, eta, kappa;
    private final int halvings;

    public AdversarialPerturbation(double eps, double eta, double kappa, int halvings) {
        this.eps = Draws.positive("eps", eps);
        this.eta = Draws.positive("eta", eta);
        this.kappa = Draws.positive("kappa", kappa);
        if (halvings < 0) throw new IllegalArgumentException("parameter 'halvings' must be >= 0, got " + halvings);
        this.halvings = halvings;
    }

    public AdversarialPerturbation() {
        this(1, 5, 0.1, 8);
    }

    /** Imposter-negative plan: −ε along the normalised gradient of {@code logLikelihood} (a scalar function of H). */
    public Plan negative(Tensor h, Function<Tensor, Tensor> logLikelihood) {
        return new Plan(unitGradient(h, logLikelihood), -eps);
    }

    /**
     * Distant-positive plan: +η along the normalised gradient of {@code contrastLoss}, η halved (at most
     * {@code halvings} times) until {@code kl}(H, H⁺) ≤ κ; if never satisfied the step is 0 (H⁺ = H).
     */
    public Plan positive(Tensor h, Function<Tensor, Tensor> contrastLoss, java.util.function.BiFunction<Tensor, Tensor, Tensor> kl) {
        Tensor d = unitGradient(h, contrastLoss);
        double step = eta;
        try (var g = Grad.off()) {
            Tensor h0 = h.detach();
            for (int t = 0; t <= halvings; t++) {
                double v = kl.apply(h0, h0.add(d.mul(step))).item();
                if (v <= kappa) return new Plan(d, step);
                step /= 2;
            }
        }
        return new Plan(d, 0);
    }

    /** H + step·direction (differentiable in H). */
    public static Tensor apply(Tensor h, Plan p) {
        if (!java.util.Arrays.equals(h.shape(), p.direction().shape())) {
            throw new IllegalArgumentException("S305: H has shape " + java.util.Arrays.toString(h.shape()) + " but the plan " + java.util.Arrays.toString(p.direction().shape()));
        }
        return h.add(p.direction().to(h.dtype()).mul(p.step()));
    }

    static Tensor unitGradient(Tensor h, Function<Tensor, Tensor> f) {
        if (h.rank() != 2) throw new IllegalArgumentException("S305: H must be B x D, got rank " + h.rank());
        Tensor x = h.detach().requiresGrad(true);
        try (var g = Grad.on()) {
            Tensor out = f.apply(x);
            if (out.numel() != 1) throw new IllegalArgumentException("S305: the objective must return a scalar, got shape " + java.util.Arrays.toString(out.shape()));
            out.backward();
        }
        Tensor grad = x.grad();
        if (grad == null) grad = Tensor.zeros(h.dtype(), h.shape());
        try (var g = Grad.off()) {
            double[] v = grad.detach().toDoubleArray();
            int b = h.dim(0), d = h.dim(1);
            for (int r = 0; r < b; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += v[r * d + j] * v[r * d + j];
                double n = Math.sqrt(s);
                for (int j = 0; j < d; j++) v[r * d + j] = n > 0 ? v[r * d + j] / n : 0;
            }
            return Tensor.of(v, b, d).to(h.dtype());
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("eps", String.valueOf(eps));
        m.put("eta", String.valueOf(eta));
        m.put("kappa", String.valueOf(kappa));
        m.put("halvings", String.valueOf(halvings));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("h", "B x D", "hidden states / embeddings"));
    }
}
