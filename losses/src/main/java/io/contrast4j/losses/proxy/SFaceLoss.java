package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L052 · SFace (sigmoid-constrained hypersphere loss) — Zhong et al., <i>SFace: Sigmoid-Constrained Hypersphere Loss
 * for Robust Face Recognition</i> (IEEE TIP 2021).
 * θ_j = angle(x, W_j); L = mean_i[−sg(r_in(θ_y))·cos θ_y] + mean_i[Σ_{j≠y} sg(r_out(θ_j))·cos θ_j],
 * r_in(θ) = s/(1 + e^{−k(θ − a)}), r_out(θ) = s/(1 + e^{k(θ − b)}) (the re-scales are detached, as in the authors'
 * code, which writes s·cos with weights σ(·)).
 * Defaults: s = 64, k = 80, a = 0.87, b = 1.22 (catalog: a ≈ 0.8–0.9, b ≈ 1.22); W ~ xavier-normal.
 * Formula checked against the authors' public code ({@code SFaceLoss.forward}); defaults a/b from CATALOG.md.
 * W LR: own param group (O01), ≈10–100× backbone.
 */
public final class SFaceLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L052", "SFace (sigmoid-constrained hypersphere loss)", "metric-learning", "T2",
            "Zhong et al. 2021, SFace: Sigmoid-Constrained Hypersphere Loss for Robust Face Recognition",
            "L = mean[−sg(r_in(θ_y))·cos θ_y] + mean[Σ_{j≠y} sg(r_out(θ_j))·cos θ_j], r_in = s·σ(k(θ−a)), r_out = s·σ(−k(θ−b))");
    private final double s, k, a, b;
    private final Tensor weights;

    public SFaceLoss(int numClasses, int embeddingSize, double s, double k, double a, double b, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(s > 0) || !(k > 0)) throw new IllegalArgumentException("parameters 's' and 'k' must be > 0, got s=" + s + ", k=" + k);
        this.s = s;
        this.k = k;
        this.a = a;
        this.b = b;
        this.weights = ProxyOps.learnable(ProxyOps.xavierNormal(dtype, new Rng(seed), 1.0, numClasses, embeddingSize));
    }

    public static SFaceLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "s", "k", "a", "b", "dtype", "seed"));
        return new SFaceLoss(ProxyOps.requiredInt(p, "num_classes", "L052"), ProxyOps.requiredInt(p, "embedding_size", "L052"),
                p.getPositive("s", 64), p.getPositive("k", 80), p.getDouble("a", 0.87), p.getDouble("b", 1.22), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor weights() {
        return weights;
    }

    @Override
    public Tensor compute(LossInputs in) {
        if (in.mined() != null) throw new IllegalArgumentException("L052: mined tuples are not supported");
        Batch bt = batch(in);
        Tensor cos = bt.embeddings().normalize(1).matmul(weights.normalize(1), false, true);
        int n = bt.size();
        double[] c = cos.detach().toDoubleArray();
        double[] win = new double[n * numClasses], wout = new double[n * numClasses];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < numClasses; j++) {
                double theta = Math.acos(Math.max(-1, Math.min(1, c[i * numClasses + j])));
                if (j == bt.labels()[i]) win[i * numClasses + j] = s / (1 + Math.exp(-k * (theta - a)));
                else wout[i * numClasses + j] = s / (1 + Math.exp(k * (theta - b)));
            }
        }
        Tensor intra = cos.mul(Tensor.of(win, n, numClasses).to(dtype)).sum(1).neg();
        Tensor inter = cos.mul(Tensor.of(wout, n, numClasses).to(dtype)).sum(1);
        return intra.mean().add(inter.mean());
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(weights);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("s", "64", "k", "80", "a", "0.87", "b", "1.22", "dtype", "F32", "seed", "0");
    }
}
