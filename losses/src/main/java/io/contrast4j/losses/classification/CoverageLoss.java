package io.contrast4j.losses.classification;

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
 * L310 · Direct coverage optimisation (DCO, pass@N-aligned) — Chen et al., <i>Rethinking Fine-Tuning when Scaling
 * Test-Time Compute: Limiting Confidence Improves Mathematical Reasoning</i> (2025; orig. LLM, here any softmax over
 * classes or candidates).
 * L_N = −log(1 − (1 − p)^N), p = softmax(z)_y. Computed exactly in the log domain with 1 − x^N = (1 − x)·Σ_{k&lt;N} x^k
 * (x = 1 − p): L_N = −log p − log Σ_{k=0}^{N−1} e^{k·log(1−p)}, log p by log-softmax and log(1 − p) by the masked
 * log-sum-exp over the other classes — finite for p → 0 and p → 1. N = 1 is CE. Mean over rows.
 * Defaults: N = 4 (a choice; the paper sweeps N). Formula verified only against a secondary summary (catalog [V-sec]).
 */
public final class CoverageLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L310", "Direct coverage optimisation (DCO)", "classification", "T2",
            "Chen et al. 2025, Rethinking Fine-Tuning when Scaling Test-Time Compute: Limiting Confidence Improves Mathematical Reasoning",
            "L_N = -log(1 - (1 - p)^N)");
    private final int n;

    public CoverageLoss(int n) {
        if (n < 1) throw new IllegalArgumentException("L310: parameter 'n' must be >= 1, got " + n);
        this.n = n;
    }

    public static CoverageLoss fromParams(Params p) {
        p.checkKnown(Set.of("n", "dtype"));
        return new CoverageLoss(p.getInt("n", 4));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        if (z.dim(1) < 2) throw new IllegalArgumentException("L310: needs at least 2 classes, got " + z.dim(1));
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), z.dim(1));
        Tensor logp = Cls.pick(z.logSoftmax(1), y);
        if (n == 1) return logp.neg().mean();
        Tensor log1mp = Cls.logOneMinusPy(z, y).unsqueeze(1); // N x 1
        double[] k = new double[n];
        for (int i = 0; i < n; i++) k[i] = i;
        Tensor terms = log1mp.mul(Tensor.of(k, 1, n).to(z.dtype())); // N x n
        return logp.add(terms.logsumexp(1)).neg().mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("n", "4");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
