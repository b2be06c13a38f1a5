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
 * L132 · VICReg — Bardes, Ponce, LeCun, <i>VICReg: Variance-Invariance-Covariance Regularization for Self-Supervised
 * Learning</i> (ICLR 2022); PML {@code VICRegLoss}.
 * inv = λ·mean_rows(mean_d (z − z')²); var = μ·(mean_d [1 − √(Var(z)_d + ε)]₊/2 + same for z');
 * cov = ν·(Σ_{i≠j} Cov(z)_ij²/D + Σ_{i≠j} Cov(z')_ij²/D), Var and Cov with 1/(N−1). L = inv + var + cov.
 * Inputs: {@code embeddings} (z) and {@code ref_embeddings} (z'), no labels.
 * Defaults (PML): λ = 25, μ = 25, ν = 1, ε = 1e-4.
 */
public final class VicRegLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L132", "VICReg", "contrastive", "T1",
            "Bardes et al. 2022, VICReg: Variance-Invariance-Covariance Regularization for Self-Supervised Learning; PML VICRegLoss",
            "λ·mean‖z−z'‖²/D + μ·Σ_views mean[1−√(Var+ε)]₊/2 + ν·Σ_views Σ_{i≠j}Cov_ij²/D");
    private final double invLambda, varMu, covNu, eps;

    public VicRegLoss(double invLambda, double varMu, double covNu, double eps) {
        this.invLambda = invLambda;
        this.varMu = varMu;
        this.covNu = covNu;
        this.eps = eps;
    }

    public static VicRegLoss fromParams(Params p) {
        p.checkKnown(Set.of("invariance_lambda", "variance_mu", "covariance_nu", "eps", "dtype"));
        return new VicRegLoss(p.getDouble("invariance_lambda", 25), p.getDouble("variance_mu", 25), p.getDouble("covariance_nu", 1), p.getPositive("eps", 1e-4));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = in.embeddings(), r = in.get(MetricLoss.REF_EMBEDDINGS);
        InfoNce.checkCols(INFO.id(), z, r, null);
        int n = z.dim(0), d = z.dim(1);
        if (n < 2) throw new IllegalArgumentException(INFO.id() + ": needs N >= 2 for the variance and covariance terms");
        Tensor inv = z.sub(r).square().mean(new int[]{1}, false).mean().mul(invLambda);
        Tensor var = stdHinge(z).add(stdHinge(r)).mul(varMu);
        Tensor cov = offDiagCov(z, n, d).add(offDiagCov(r, n, d)).mul(covNu);
        return inv.add(var).add(cov);
    }

    private Tensor stdHinge(Tensor x) {
        return x.var(new int[]{0}, false, 1).add(eps).sqrt().affine(-1, 1).relu().mean().div(2);
    }

    private static Tensor offDiagCov(Tensor x, int n, int d) {
        Tensor c = x.sub(x.mean(new int[]{0}, true));
        Tensor cov = c.matmul(c, true, false).div(n - 1);
        double[] off = new double[d * d];
        java.util.Arrays.fill(off, 1);
        for (int i = 0; i < d; i++) off[i * d + i] = 0;
        return cov.square().mul(Tensor.of(off, d, d).to(x.dtype())).sum().div(d);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("invariance_lambda", "25", "variance_mu", "25", "covariance_nu", "1", "eps", "1e-4");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "first view embeddings z"),
                Input.floats(MetricLoss.REF_EMBEDDINGS, "N x D", "second view embeddings z'"));
    }
}
