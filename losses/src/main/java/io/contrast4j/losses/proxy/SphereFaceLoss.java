package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Set;

/**
 * L047 · SphereFace (A-Softmax) — Liu et al., <i>SphereFace: Deep Hypersphere Embedding for Face Recognition</i>
 * (CVPR 2017); PML {@code SphereFaceLoss}.
 * L046's target ψ(θ_y) = (−1)^k cos(mθ_y) − 2k, but logits are scaled by ‖x‖·scale only (weights normalised):
 * logits = (cos + onehot·(ψ − cos))·‖x‖·s; CE, mean.
 * Defaults: m = 4, scale = 1. W LR: own param group (O01), ≈10–100× backbone.
 */
public final class SphereFaceLoss extends LargeMarginSoftmaxLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L047", "SphereFace loss", "metric-learning", "T1",
            "Liu et al. 2017, SphereFace: Deep Hypersphere Embedding for Face Recognition; PML SphereFaceLoss",
            "logits = (cos + onehot·(ψ(θ_y) − cos))·‖x‖·s, ψ as L-Softmax; CE");

    public SphereFaceLoss(int numClasses, int embeddingSize, int margin, double scale, DType dtype, long seed) {
        super(numClasses, embeddingSize, margin, scale, dtype, seed);
    }

    public static SphereFaceLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "margin", "scale", "dtype", "seed"));
        return new SphereFaceLoss(ProxyOps.requiredInt(p, "num_classes", "L047"), ProxyOps.requiredInt(p, "embedding_size", "L047"),
                p.getInt("margin", 4), p.getPositive("scale", 1), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    @Override
    protected Tensor scaleLogits(Tensor logits, Tensor embeddings) {
        return logits.mul(embeddings.norm(1, true)).mul(scale);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
