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
 * L311 · StableMax cross-entropy — Prieto et al., <i>Grokking at the Edge of Numerical Stability</i> (2025).
 * s(x) = x + 1 (x ≥ 0), 1/(1 − x) (x &lt; 0); StableMax_i = s(x_i)/Σ_j s(x_j); ℓ = −log StableMax_y = log Σ_j s(x_j) −
 * log s(x_y); mean over rows. s is C¹ at 0. {@link #softmaxCollapseFraction} is the catalog's SC diagnostic
 * (fraction of rows whose float32 softmax-CE gradient is exactly zero). No parameters.
 */
public final class StableMaxLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L311", "StableMax cross-entropy", "classification", "T2",
            "Prieto et al. 2025, Grokking at the Edge of Numerical Stability",
            "s(x) = x+1 (x>=0), 1/(1-x) (x<0); L = -log s(x_y)/sum_j s(x_j)");

    public static StableMaxLoss fromParams(Params p) {
        p.checkKnown(Set.of("dtype"));
        return new StableMaxLoss();
    }

    /** Elementwise s(x). */
    public static Tensor s(Tensor x) {
        Tensor pos = x.add(1);
        Tensor neg = x.neg().add(1).clampMin(1).pow(-1.0);
        return Tensor.where(x.ge(0.0), pos, neg);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), z.dim(1));
        Tensor sx = s(z);
        return sx.sum(new int[]{1}, false).log().sub(Cls.pick(sx, y).log()).mean();
    }

    /** Softmax Collapse diagnostic: fraction of rows whose float32 softmax cross-entropy gradient is exactly zero. */
    public static double softmaxCollapseFraction(float[][] logits, int[] targets) {
        int zero = 0;
        for (int i = 0; i < logits.length; i++) {
            float m = Float.NEGATIVE_INFINITY;
            for (float v : logits[i]) m = Math.max(m, v);
            float sum = 0;
            for (float v : logits[i]) sum += (float) Math.exp(v - m);
            boolean allZero = true;
            for (int k = 0; k < logits[i].length; k++) {
                float p = (float) Math.exp(logits[i][k] - m) / sum;
                float g = p - (k == targets[i] ? 1f : 0f);
                if (g != 0f) allZero = false;
            }
            if (allZero) zero++;
        }
        return logits.length == 0 ? 0 : (double) zero / logits.length;
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
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
