package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L049 · ArcFace (additive angular margin) — Deng et al., <i>ArcFace: Additive Angular Margin Loss for Deep Face
 * Recognition</i> (CVPR 2019); PML {@code ArcFaceLoss}.
 * θ_y = acos(cos θ_y); target logit = cos(θ_y + m) if θ_y ≤ π − m, else cos θ_y − m·sin m; logits × s; CE, mean.
 * cos(θ + m) is evaluated as c·cos m − √(1 − c²)·sin m with c clamped to [−1 + 1e-7, 1 − 1e-7], so no acos is
 * taken and the gradient stays finite at |c| → 1 (CATALOG GC note); the branch (θ ≤ π − m ⇔ c ≥ −cos m) is chosen
 * on detached values.
 * Defaults: margin = 28.6° (0.5 rad, given in degrees as PML), scale = 64 (MLRC CUB: 23.22°, 100).
 * W LR: own param group (O01), ≈10–100× backbone.
 */
public class ArcFaceLoss extends MarginSoftmaxHead {
    public static final CatalogInfo INFO = new CatalogInfo("L049", "ArcFace (additive angular margin)", "metric-learning", "T1",
            "Deng et al. 2019, ArcFace: Additive Angular Margin Loss for Deep Face Recognition; PML ArcFaceLoss",
            "target = cos(θ_y + m) if θ_y ≤ π − m else cos θ_y − m·sin m; logits·s; CE");
    static final double CLAMP_EPS = 1e-7;
    protected final double marginRad, scale;

    public ArcFaceLoss(int numClasses, int embeddingSize, double marginDegrees, double scale, DType dtype, long seed) {
        this(numClasses, embeddingSize, marginDegrees, scale, dtype, seed, numClasses);
    }

    protected ArcFaceLoss(int numClasses, int embeddingSize, double marginDegrees, double scale, DType dtype, long seed, int rows) {
        super(numClasses, embeddingSize, dtype, seed, rows);
        if (!(marginDegrees >= 0 && marginDegrees < 180)) throw new IllegalArgumentException("parameter 'margin' (degrees) must be in [0, 180), got " + marginDegrees);
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.marginRad = Math.toRadians(marginDegrees);
        this.scale = scale;
    }

    public static ArcFaceLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "margin", "scale", "dtype", "seed"));
        return new ArcFaceLoss(ProxyOps.requiredInt(p, "num_classes", "L049"), ProxyOps.requiredInt(p, "embedding_size", "L049"),
                p.getDouble("margin", 28.6), p.getPositive("scale", 64), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public double marginRadians() {
        return marginRad;
    }

    public double scale() {
        return scale;
    }

    @Override
    protected Tensor modifyTarget(Tensor cosTarget) {
        Tensor c = cosTarget.clamp(-1 + CLAMP_EPS, 1 - CLAMP_EPS);
        Tensor sin = c.mul(c).neg().add(1).sqrt();
        Tensor plus = c.mul(Math.cos(marginRad)).sub(sin.mul(Math.sin(marginRad)));
        Tensor fallback = c.sub(marginRad * Math.sin(marginRad));
        Tensor inRange = c.detach().ge(-Math.cos(marginRad)); // θ ≤ π − m
        return Tensor.where(inRange, plus, fallback);
    }

    @Override
    protected Tensor scaleLogits(Tensor logits, Tensor embeddings) {
        return logits.mul(scale);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "28.6", "scale", "64", "dtype", "F32", "seed", "0");
    }
}
