package io.contrast4j.losses.ranking;

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
 * L212 · NeuralNDCG — Pobrotyn &amp; Białobrzeski, <i>NeuralNDCG: Direct Optimisation of a Ranking Metric via
 * Differentiable Relaxation of Sorting</i> (2021).
 * Per query over its n real candidates (padding: label ≤ −0.5 or mask 0): NeuralSort
 * P̂[i, :] = softmax(((n + 1 − 2i)·s − A_s𝟙)/τ), i = 1..n, A_s[j, k] = |s_j − s_k|; Sinkhorn scaling (alternate row and
 * column normalisation, {@code sinkhorn_iters} rounds) makes P̂ doubly stochastic; g = 2^y − 1;
 * NeuralNDCG@k = (1/IDCG@k) Σ_{j≤k} (P̂ g)_j / log₂(j + 1); {@code transposed=true} applies P̂ᵀ to the discounts instead:
 * (1/IDCG@k) Σ_i g_i (P̂ᵀ d)_i with d_j = 1/log₂(j + 1) for j ≤ k, else 0. L = −mean over queries with IDCG &gt; 0
 * (zero loss when there is none).
 * Defaults: τ = 1, k = all, Sinkhorn 50 iterations (count not verified against the paper: follows CATALOG.md).
 */
public final class NeuralNdcgLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L212", "NeuralNDCG", "ranking", "T2",
            "Pobrotyn & Bialobrzeski 2021, NeuralNDCG: Direct Optimisation of a Ranking Metric via Differentiable Relaxation of Sorting",
            "L = -(1/IDCG) sum_{j<=k} (Sinkhorn(NeuralSort(s)) (2^y - 1))_j / log2(j+1)");
    private final double tau;
    private final int k, iters;
    private final boolean transposed;

    public NeuralNdcgLoss(double tau, int k, int iters, boolean transposed) {
        if (!(tau > 0) || iters < 0) throw new IllegalArgumentException("L212: need temperature > 0 and sinkhorn_iters >= 0");
        this.tau = tau;
        this.k = k;
        this.iters = iters;
        this.transposed = transposed;
    }

    public static NeuralNdcgLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "k", "sinkhorn_iters", "transposed", "dtype"));
        return new NeuralNdcgLoss(p.getPositive("temperature", 1), p.getInt("k", -1), p.getInt("sinkhorn_iters", 50), p.getBoolean("transposed", false));
    }

    /** The (Sinkhorn-scaled) NeuralSort matrix of a score vector (n): row i = soft indicator of the item at rank i. */
    public Tensor softSort(Tensor s) {
        int n = s.dim(0);
        Tensor row = s.reshape(1, n);
        Tensor a = row.sub(s.reshape(n, 1)).abs().sum(new int[]{0}, true); // 1 x n: Σ_k |s_j − s_k|
        double[] scal = new double[n];
        for (int i = 0; i < n; i++) scal[i] = n + 1 - 2 * (i + 1);
        Tensor logits = Tensor.of(scal, n, 1).to(s.dtype()).mul(row).sub(a).div(tau);
        Tensor p = logits.softmax(1);
        for (int it = 0; it < iters; it++) {
            p = p.div(p.sum(new int[]{1}, true));
            p = p.div(p.sum(new int[]{0}, true));
        }
        return p;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
        boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
        double[] yh = Lists.host(y);
        int b = s.dim(0), c = s.dim(1);
        Tensor total = null;
        int rows = 0;
        for (int q = 0; q < b; q++) {
            int n = Lists.count(valid[q]);
            if (n == 0) continue;
            int[] idx = new int[n];
            for (int j = 0, t = 0; j < c; j++) if (valid[q][j]) idx[t++] = j;
            double[] g = new double[n];
            for (int t = 0; t < n; t++) g[t] = Math.pow(2, yh[q * c + idx[t]]) - 1;
            int kk = k <= 0 ? n : Math.min(k, n);
            Integer[] order = new Integer[n];
            for (int t = 0; t < n; t++) order[t] = t;
            Arrays.sort(order, (u, v) -> Double.compare(g[v], g[u]));
            int[] ord = new int[n];
            double idcgHost = 0;
            double[] disc = new double[n];
            for (int j = 0; j < n; j++) ord[j] = order[j];
            for (int j = 0; j < kk; j++) {
                disc[j] = 1 / (Math.log(j + 2) / Math.log(2));
                idcgHost += g[ord[j]] * disc[j];
            }
            if (!(idcgHost > 0)) continue;
            // gains on the tape (2^y − 1), the ideal order frozen
            Tensor gt = y.slice(0, q, q + 1).reshape(c).indexSelect(0, idx).mul(Math.log(2)).exp().sub(1);
            Tensor dt = Tensor.of(disc, n).to(s.dtype());
            Tensor idcg = gt.indexSelect(0, ord).mul(dt).sum();
            Tensor sq = s.slice(0, q, q + 1).reshape(c).indexSelect(0, idx);
            Tensor p = softSort(sq);
            Tensor dcg = transposed
                    ? p.mul(dt.reshape(n, 1)).sum(new int[]{0}, false).mul(gt).sum()
                    : p.mul(gt.reshape(1, n)).sum(new int[]{1}, false).mul(dt).sum();
            Tensor ndcg = dcg.div(idcg);
            total = total == null ? ndcg : total.add(ndcg);
            rows++;
        }
        return total == null ? LossInputs.zeroLoss(s) : total.div(-rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "1", "k", "all", "sinkhorn_iters", "50", "transposed", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Lists.labelsInput(), Lists.maskInput());
    }
}
