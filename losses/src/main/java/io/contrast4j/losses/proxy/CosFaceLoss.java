package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L048 · CosFace (large-margin cosine loss) — Wang et al., <i>CosFace: Large Margin Cosine Loss for Deep Face
 * Recognition</i> (CVPR 2018); PML {@code CosFaceLoss}.
 * logits = s·(cos θ_j − m·1[j = y]); CE, mean.
 * Defaults: m = 0.35, s = 64 (MLRC CUB: m = 0.618, s = 100). W LR: own param group (O01), ≈10–100× backbone.
 */
public final class CosFaceLoss extends MarginSoftmaxHead {
    public static final CatalogInfo INFO = new CatalogInfo("L048", "CosFace (large-margin cosine)", "metric-learning", "T1",
            "Wang et al. 2018, CosFace: Large Margin Cosine Loss for Deep Face Recognition; PML CosFaceLoss",
            "logits = s·(cos θ_j − m·1[j=y]); CE");
    private final double margin, scale;

    public CosFaceLoss(int numClasses, int embeddingSize, double margin, double scale, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype, seed, numClasses);
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.margin = margin;
        this.scale = scale;
    }

    public static CosFaceLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "margin", "scale", "dtype", "seed"));
        return new CosFaceLoss(ProxyOps.requiredInt(p, "num_classes", "L048"), ProxyOps.requiredInt(p, "embedding_size", "L048"),
                p.getDouble("margin", 0.35), p.getPositive("scale", 64), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    @Override
    protected Tensor modifyTarget(Tensor cosTarget) {
        return cosTarget.sub(margin);
    }

    @Override
    protected Tensor scaleLogits(Tensor logits, Tensor embeddings) {
        return logits.mul(scale);
    }

    public double scale() {
        return scale;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.35", "scale", "64", "dtype", "F32", "seed", "0");
    }
}
