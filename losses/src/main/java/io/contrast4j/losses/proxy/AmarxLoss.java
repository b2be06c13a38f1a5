package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L056 · Adaptive-margin global classifier (AMGC / AMarX) — Yao &amp; Chang, <i>Adaptive Margin Global Classifier for
 * Exemplar-Free Class-Incremental Learning</i> (2024). Each input row is a Gaussian class model: its mean μ_k
 * ({@code embeddings}, K x D), class y_k ({@code labels}) and covariance Σ_k ({@code covariances}, K x D x D); rows
 * flagged in {@code enlarge} (old classes) get variance enlarging Σ̂_k = Σ_k + λ·diag(Σ_k), the others Σ̂_k = Σ_k.
 * The distribution-based global classifier (W: C x D, b: C, learnable) minimises the expected-CE upper bound
 * ℓ_k = log Σ_j exp(v_jkᵀμ_k + (b_j − b_{y_k}) + ½ v_jkᵀ Σ̂_k v_jk), v_jk = w_j − w_{y_k}, i.e. CE over the logits
 * z_j = w_jᵀμ_k + b_j + ½ v_jkᵀΣ̂_k v_jk; the VE part ½λ v_jkᵀ diag(Σ_k) v_jk is the adaptive, class-pair margin of
 * AMarX. L = mean_k ℓ_k. Without {@code covariances} every Σ_k = 0 and this is plain CE on the means.
 * Checked against the paper's abstract (arXiv 2409.13275: DBGC + VE ≡ AMarX) and a secondary summary of its
 * equations (L_DB with v_{j,k}, δ_{j,k}; Σ̂ = Σ + λΛ); formula not verified against the paper itself.
 * Defaults: λ = 1 (not verified), W xavier-normal, b = 0.
 */
public final class AmarxLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L056", "Adaptive-margin global classifier (AMarX)", "metric-learning", "T2",
            "Yao & Chang 2024, Adaptive Margin Global Classifier for Exemplar-Free Class-Incremental Learning",
            "CE_j(w_jᵀμ_k + b_j + ½ v_jkᵀ(Σ_k + λ·diag Σ_k·[old])v_jk, y_k), v_jk = w_j − w_{y_k}");
    public static final String COVARIANCES = "covariances";
    public static final String ENLARGE = "enlarge";
    private final double lambda;
    private final Tensor weights, bias;

    public AmarxLoss(int numClasses, int embeddingSize, double lambda, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(lambda >= 0)) throw new IllegalArgumentException("parameter 'lambda' must be >= 0, got " + lambda);
        this.lambda = lambda;
        this.weights = ProxyOps.learnable(ProxyOps.xavierNormal(dtype, new Rng(seed), 1.0, numClasses, embeddingSize));
        this.bias = ProxyOps.learnable(Tensor.zeros(dtype, numClasses));
    }

    public static AmarxLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "lambda", "dtype", "seed"));
        return new AmarxLoss(ProxyOps.requiredInt(p, "num_classes", "L056"), ProxyOps.requiredInt(p, "embedding_size", "L056"),
                p.getDouble("lambda", 1), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor weights() {
        return weights;
    }

    /** The logits z (K x C) of the class models, margins included. */
    public Tensor logits(Tensor mu, int[] y, Tensor cov, boolean[] enlarge) {
        int k = y.length, c = numClasses, d = embeddingSize;
        Tensor z = mu.matmul(weights, false, true).add(bias.reshape(1, c));
        if (cov == null) return z;
        double[] on = new double[k];
        for (int i = 0; i < k; i++) on[i] = enlarge != null && enlarge[i] ? lambda : 0;
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) eye[i * d + i] = 1;
        Tensor diag = cov.mul(Tensor.of(eye, 1, d, d).to(dtype));
        Tensor sigma = cov.add(diag.mul(Tensor.of(on, k, 1, 1).to(dtype)));
        Tensor v = weights.reshape(1, c, d).sub(weights.indexSelect(0, y).reshape(k, 1, d)); // K x C x D
        Tensor quad = v.matmul(sigma).mul(v).sum(new int[]{2}, false).mul(0.5);
        return z.add(quad);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        int k = b.size(), d = embeddingSize;
        Tensor cov = in.getOrNull(COVARIANCES);
        if (cov != null && (cov.rank() != 3 || cov.dim(0) != k || cov.dim(1) != d || cov.dim(2) != d)) {
            throw new IllegalArgumentException(INFO.id() + ": covariances must be " + k + " x " + d + " x " + d + ", got " + Arrays.toString(cov.shape()));
        }
        boolean[] enlarge = null;
        if (in.has(ENLARGE)) {
            int[] e = in.get(ENLARGE).toIntArray();
            if (e.length != k) throw new IllegalArgumentException(INFO.id() + ": enlarge must have " + k + " flags, got " + e.length);
            enlarge = new boolean[k];
            for (int i = 0; i < k; i++) enlarge[i] = e[i] != 0;
        }
        Tensor z = logits(b.embeddings(), b.labels(), cov == null ? null : cov.to(dtype), enlarge);
        return weightedMean(ProxyOps.crossEntropyRows(z, b.labels()), b.minerWeights());
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1", "dtype", "F32", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "K x D", "class-model means μ_k (or sample features)"),
                Input.ints(LossInputs.LABELS, "K", "class of each model, in [0, num_classes)"),
                Input.floats(COVARIANCES, "K x D x D", "class-model covariances Σ_k (constant)").asOptional(),
                Input.ints(ENLARGE, "K", "1 = old class: apply variance enlarging").asOptional());
    }
}
