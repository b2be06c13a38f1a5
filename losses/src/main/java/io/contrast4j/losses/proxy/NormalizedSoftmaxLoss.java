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
 * L045 · Normalized-softmax loss — Zhai &amp; Wu, <i>Classification is a Strong Baseline for Deep Metric Learning</i>
 * (BMVC 2019); PML {@code NormalizedSoftmaxLoss}.
 * logits = x̂·Ŵ_cᵀ / τ (normalised embedding · normalised class weight); CE, mean (miner-weighted).
 * Defaults: temperature τ = 0.05 (MLRC CUB 0.1087); W ~ N(0, 1) (PML). W LR: own param group (O01), ≈10–100× backbone.
 */
public final class NormalizedSoftmaxLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L045", "Normalized-softmax loss", "metric-learning", "T1",
            "Zhai & Wu 2019, Classification is a Strong Baseline for Deep Metric Learning; PML NormalizedSoftmaxLoss",
            "logits = x̂·Ŵ_cᵀ/τ; CE");
    private final double temperature;
    private final Tensor weights;

    public NormalizedSoftmaxLoss(int numClasses, int embeddingSize, double temperature, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + temperature);
        this.temperature = temperature;
        this.weights = ProxyOps.learnable(ProxyOps.normal(dtype, new Rng(seed), 1.0, numClasses, embeddingSize));
    }

    public static NormalizedSoftmaxLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "temperature", "dtype", "seed"));
        return new NormalizedSoftmaxLoss(ProxyOps.requiredInt(p, "num_classes", "L045"), ProxyOps.requiredInt(p, "embedding_size", "L045"),
                p.getPositive("temperature", 0.05), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor weights() {
        return weights;
    }

    public Tensor logits(Tensor embeddings) {
        return embeddings.normalize(1).matmul(weights.normalize(1), false, true).div(temperature);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        return weightedMean(ProxyOps.crossEntropyRows(logits(b.embeddings()), b.labels()), b.minerWeights());
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
        return Map.of("temperature", "0.05", "dtype", "F32", "seed", "0");
    }
}
