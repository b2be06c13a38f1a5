package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLoss;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L131 · Barlow Twins — Zbontar et al., <i>Barlow Twins: Self-Supervised Learning via Redundancy Reduction</i>
 * (ICML 2021).
 * z, z' standardised per dimension over the batch ((z − μ)/√(Var_biased + ε), as a non-affine batch norm);
 * C_ij = (1/N) Σ_b z_bi z'_bj; L = Σ_i (1 − C_ii)² + λ Σ_{i≠j} C_ij².
 * Defaults: λ = 5e-3, ε = 1e-5.
 */
public final class BarlowTwinsLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L131", "Barlow Twins", "contrastive", "T2",
            "Zbontar et al. 2021, Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
            "L = Σ_i (1 − C_ii)² + λ Σ_{i≠j} C_ij², C = zᵀz'/N of standardised views");
    private final double lambda, eps;

    public BarlowTwinsLoss(double lambda, double eps) {
        this.lambda = lambda;
        this.eps = eps;
    }

    public static BarlowTwinsLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "eps", "dtype"));
        return new BarlowTwinsLoss(p.getDouble("lambda", 5e-3), p.getPositive("eps", 1e-5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = in.embeddings(), r = in.get(MetricLoss.REF_EMBEDDINGS);
        InfoNce.checkCols(INFO.id(), z, r, null);
        int n = z.dim(0), d = z.dim(1);
        if (n < 2) throw new IllegalArgumentException(INFO.id() + ": needs N >= 2 to standardise over the batch");
        Tensor c = standardise(z).matmul(standardise(r), true, false).div(n);
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) eye[i * d + i] = 1;
        Tensor id = Tensor.of(eye, d, d).to(z.dtype());
        Tensor diff = c.sub(id).square();
        Tensor on = diff.mul(id).sum(), off = diff.mul(id.affine(-1, 1)).sum();
        return on.add(off.mul(lambda));
    }

    private Tensor standardise(Tensor x) {
        return x.sub(x.mean(new int[]{0}, true)).div(x.var(new int[]{0}, true, 0).add(eps).sqrt());
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "5e-3", "eps", "1e-5");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "first view embeddings z"),
                Input.floats(MetricLoss.REF_EMBEDDINGS, "N x D", "second view embeddings z'"));
    }
}
