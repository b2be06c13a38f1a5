package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.DivisorReducer;
import io.contrast4j.losses.reducers.LossTerms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L010 · Margin loss with a learnable boundary β — Wu et al., <i>Sampling Matters in Deep Embedding Learning</i>
 * (ICCV 2017); PML {@code MarginLoss}. Per triplet: ℓ = [margin(d_ap, β) + m]₊ + [margin(β, d_an) + m]₊ (distance:
 * [d_ap − β + m]₊ + [β − d_an + m]₊), divided by #non-zero positive terms + #non-zero negative terms (R05); with
 * {@code learn_beta} the loss adds ν·β (mean over the triplets' β when β is per class) and β is returned by
 * {@link #parameters()} (it needs its own optimizer/LR, O01). β is per class when {@code num_classes} is set.
 * Defaults: m = 0.2, β = 1.2, ν = 0, learn_beta false, all triplets, D01 normalised, R05. β is created in the
 * {@code dtype} parameter's type (F32 default).
 */
public final class MarginLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L010", "Margin loss", "metric-learning", "T1",
            "Wu et al. 2017, Sampling Matters in Deep Embedding Learning; PML MarginLoss",
            "([d_ap − β + m]+ + [β − d_an + m]+) / #nonzero, + ν·β");
    private final double margin, nu;
    private final boolean learnBeta;
    private final Tensor beta;

    public MarginLoss() {
        this(0.2, 0, 1.2, false, 0, DType.F32, new LpDistance());
    }

    public MarginLoss(double margin, double nu, double beta, boolean learnBeta, int numClasses, DType dtype, Distance distance) {
        super(distance, new DivisorReducer());
        if (numClasses < 0) throw new IllegalArgumentException("parameter 'num_classes' must be >= 0, got " + numClasses);
        this.margin = margin;
        this.nu = nu;
        this.learnBeta = learnBeta;
        this.beta = Tensor.full(dtype, beta, Math.max(1, numClasses));
        if (learnBeta) this.beta.requiresGrad(true);
    }

    public static MarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "nu", "beta", "learn_beta", "num_classes", "dtype"));
        return new MarginLoss(p.getDouble("margin", 0.2), p.getDouble("nu", 0), p.getDouble("beta", 1.2), p.getBoolean("learn_beta", false),
                p.getInt("num_classes", 0), MetricOps.dtype(p), new LpDistance());
    }

    public Tensor beta() {
        return beta;
    }

    @Override
    public List<Tensor> parameters() {
        return learnBeta ? List.of(beta) : List.of();
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = tripletsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.size() == 0) return Map.of();
        Tensor d = distance.matrix(emb, ref);
        Tensor b = beta.dtype() == d.dtype() ? beta : beta.to(d.dtype());
        if (beta.numel() > 1) {
            int[] cls = new int[t.anchors().length];
            for (int k = 0; k < cls.length; k++) {
                cls[k] = labels[t.anchors()[k]];
                if (cls[k] < 0 || cls[k] >= beta.numel()) throw new IllegalArgumentException("L010: label " + cls[k] + " outside [0, num_classes=" + beta.numel() + ")");
            }
            b = b.indexSelect(0, cls);
        }
        Tensor pos = distance.margin(pick(d, t.anchors(), t.p()), b).add(margin).relu();
        Tensor neg = distance.margin(b, pick(d, t.anchors(), t.n())).add(margin).relu();
        double nonZero = pos.detach().gt(0.0).sum().item() + neg.detach().gt(0.0).sum().item();
        Map<String, LossTerms> dict = new LinkedHashMap<>();
        dict.put("margin_loss", LossTerms.triplets(pos.add(neg), t.anchors()).withDivisor(nonZero));
        if (learnBeta && nu != 0) dict.put("beta_reg_loss", LossTerms.reduced(b.mean().mul(nu)));
        return dict;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.2", "nu", "0", "beta", "1.2", "learn_beta", "false", "num_classes", "0", "distance", "D01", "reducer", "R05");
    }
}
