package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * S303 · Metrix, mixup for deep metric learning (Venkataramanan et al. 2022, <i>It Takes Two to Tango: Mixup for
 * Deep Metric Learning</i>), embedding-level form. For each anchor a with a positive and a negative in the batch:
 * draw p ∈ P(a), n ∈ N(a), λ ~ Beta(α, α); x̃ = λ e_p + (1−λ) e_n (on the tape). Writing the DML loss as
 * ℓ(a) = τ(Σ_p f⁺(s_ap)) + τ(Σ_n f⁻(s_an)), the mixed term adds λ·f⁺(s_ax̃) + (1−λ)·f⁻(s_ax̃); {@link #mixedLoss}
 * computes mean_a [λ f⁺(s_ax̃) + (1−λ) f⁻(s_ax̃)] with cosine s and τ = identity, to be added as L = L_clean + w·L_mix.
 * Default α = 1 (formula from CATALOG.md [K]; the paper's α is a tuned hyper-parameter).
 */
public final class Metrix implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S303", "Metrix (mixup for deep metric learning)", "mixing", "T2",
            "Venkataramanan et al. 2022, It Takes Two to Tango: Mixup for Deep Metric Learning",
            "x̃ = λe_p + (1−λ)e_n, λ~Beta(α,α); L_mix adds λ f⁺(s_ax̃) + (1−λ) f⁻(s_ax̃)");

    /** Frozen choices: per mixed sample its anchor, positive, negative and λ. */
    public record Plan(int[] anchors, int[] positives, int[] negatives, double[] lambdas) {
    }

    private final double alpha;

    public Metrix(double alpha) {
        this.alpha = Draws.positive("alpha", alpha);
    }

    public Metrix() {
        this(1.0);
    }

    public Plan plan(int[] labels, Rng rng) {
        if (labels == null || labels.length == 0) throw new IllegalArgumentException("S303: labels must not be empty");
        List<int[]> rows = new ArrayList<>();
        List<Double> lam = new ArrayList<>();
        for (int a = 0; a < labels.length; a++) {
            List<Integer> pos = new ArrayList<>(), neg = new ArrayList<>();
            for (int j = 0; j < labels.length; j++) {
                if (j == a) continue;
                (labels[j] == labels[a] ? pos : neg).add(j);
            }
            if (pos.isEmpty() || neg.isEmpty()) continue;
            rows.add(new int[]{a, pos.get(rng.nextInt(pos.size())), neg.get(rng.nextInt(neg.size()))});
            lam.add(Draws.beta(rng, alpha, alpha));
        }
        int m = rows.size();
        int[] an = new int[m], po = new int[m], ne = new int[m];
        double[] l = new double[m];
        for (int i = 0; i < m; i++) {
            an[i] = rows.get(i)[0];
            po[i] = rows.get(i)[1];
            ne[i] = rows.get(i)[2];
            l[i] = lam.get(i);
        }
        return new Plan(an, po, ne, l);
    }

    /** Mixed embeddings M x D: λ_i e[p_i] + (1−λ_i) e[n_i]; differentiable in e. */
    public static Tensor mix(Tensor e, Plan p) {
        if (e.rank() != 2) throw new IllegalArgumentException("S303: embeddings must be N x D, got rank " + e.rank());
        int m = p.anchors().length;
        if (m == 0) return Tensor.zeros(e.dtype(), 0, e.dim(1));
        Tensor lam = Tensor.of(p.lambdas(), m, 1).to(e.dtype());
        return e.indexSelect(0, p.positives()).mul(lam).add(e.indexSelect(0, p.negatives()).mul(lam.neg().add(1.0)));
    }

    /**
     * mean_i [λ_i f⁺(s_i) + (1−λ_i) f⁻(s_i)], s_i = cos(e[a_i], x̃_i). A plan without mixed samples gives a zero loss
     * still on the graph.
     */
    public static Tensor mixedLoss(Tensor e, Plan p, UnaryOperator<Tensor> fPos, UnaryOperator<Tensor> fNeg) {
        int m = p.anchors().length;
        if (m == 0) return e.sum().mul(0.0);
        Tensor x = mix(e, p).normalize(1);
        Tensor a = e.indexSelect(0, p.anchors()).normalize(1);
        Tensor s = a.mul(x).sum(1);
        Tensor lam = Tensor.of(p.lambdas(), m).to(e.dtype());
        return fPos.apply(s).mul(lam).add(fNeg.apply(s).mul(lam.neg().add(1.0))).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", String.valueOf(alpha));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("embeddings", "N x D", "embeddings"), Input.ints("labels", "N", "class labels"));
    }
}
