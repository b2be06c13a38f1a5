package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L046 · Large-margin softmax (L-Softmax) — Liu et al., <i>Large-Margin Softmax Loss for Convolutional Neural
 * Networks</i> (ICML 2016); PML {@code LargeMarginSoftmaxLoss}.
 * cos(mθ) = Σ_n (−1)ⁿ C(m,2n) cos^{m−2n}θ (1−cos²θ)ⁿ; target ψ(θ) = (−1)^k cos(mθ) − 2k with k = ⌊θm/π⌋ (detached);
 * logits = (cos + onehot·(ψ − cos))·‖W_j‖‖x‖·scale; cross-entropy, mean.
 * Defaults: margin m = 4 (integer), scale = 1. Params: num_classes, embedding_size (required), margin, scale, dtype, seed.
 * W LR: own param group (O01), ≈10–100× the backbone LR. Gradient check: keep θ away from kπ/m (branch switch).
 */
public class LargeMarginSoftmaxLoss extends MarginSoftmaxHead {
    public static final CatalogInfo INFO = new CatalogInfo("L046", "Large-margin softmax (L-Softmax)", "metric-learning", "T1",
            "Liu et al. 2016, Large-Margin Softmax Loss for Convolutional Neural Networks; PML LargeMarginSoftmaxLoss",
            "ψ(θ_y) = (−1)^k cos(mθ_y) − 2k; logits = (cos + onehot·(ψ − cos))·‖W_j‖‖x‖·s; CE");
    protected final int margin;
    protected final double scale;

    public LargeMarginSoftmaxLoss(int numClasses, int embeddingSize, int margin, double scale, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype, seed, numClasses);
        if (margin < 1) throw new IllegalArgumentException("parameter 'margin' must be an integer >= 1, got " + margin);
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.margin = margin;
        this.scale = scale;
    }

    public static LargeMarginSoftmaxLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "margin", "scale", "dtype", "seed"));
        return new LargeMarginSoftmaxLoss(ProxyOps.requiredInt(p, "num_classes", "L046"), ProxyOps.requiredInt(p, "embedding_size", "L046"),
                p.getInt("margin", 4), p.getPositive("scale", 1), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public int margin() {
        return margin;
    }

    /** cos(mθ) by the multiple-angle expansion, as a polynomial in c = cos θ. */
    public Tensor cosOfMultipleAngle(Tensor c) {
        Tensor oneMinusC2 = c.mul(c).neg().add(1);
        Tensor total = null;
        for (int n = 0; n <= margin / 2; n++) {
            double coef = (n % 2 == 0 ? 1 : -1) * binom(margin, 2 * n);
            Tensor term = power(c, margin - 2 * n);
            Tensor s = power(oneMinusC2, n);
            Tensor t = term == null ? s : s == null ? term : term.mul(s);
            t = t == null ? Tensor.full(c.dtype(), coef, c.shape()) : t.mul(coef);
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    private static Tensor power(Tensor x, int k) {
        Tensor r = null;
        for (int i = 0; i < k; i++) r = r == null ? x : r.mul(x);
        return r;
    }

    static double binom(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    @Override
    protected Tensor modifyTarget(Tensor cosTarget) {
        double[] theta = angles(cosTarget);
        double[] sign = new double[theta.length], twoK = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double k = Math.floor(theta[i] / (Math.PI / margin));
            sign[i] = ((long) k) % 2 == 0 ? 1 : -1;
            twoK[i] = 2 * k;
        }
        int n = theta.length;
        return cosOfMultipleAngle(cosTarget).mul(Tensor.of(sign, n).to(cosTarget.dtype())).sub(Tensor.of(twoK, n).to(cosTarget.dtype()));
    }

    @Override
    protected Tensor scaleLogits(Tensor logits, Tensor embeddings) {
        Tensor xNorm = embeddings.norm(1, true);
        Tensor wNorm = weights.norm(1, false).reshape(1, numClasses);
        return logits.mul(xNorm).mul(wNorm).mul(scale);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "4", "scale", "1", "dtype", "F32", "seed", "0");
    }
}
