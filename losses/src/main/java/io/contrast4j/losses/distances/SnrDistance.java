package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D04 · Signal-to-noise-ratio distance — Yuan et al., <i>Signal-to-Noise Ratio: A Robust Distance Metric for Deep
 * Metric Learning</i> (CVPR 2019); PML {@code SNRDistance}.
 * d(q, r) = Var_dims(r − q) / Var_dims(q): asymmetric, a distance (not inverted). Defaults: normalize = true (PML),
 * power = 1. Needs Var(q) &gt; 0.
 */
public final class SnrDistance extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D04", "Signal-to-noise-ratio distance", "distance", "T1",
            "Yuan et al. 2019, Signal-to-Noise Ratio: A Robust Distance Metric for Deep Metric Learning; PML SNRDistance",
            "d(q, r) = Var(r − q) / Var(q)");

    public SnrDistance() {
        this(true, 1);
    }

    public SnrDistance(boolean normalizeEmbeddings, double power) {
        super(normalizeEmbeddings, power);
    }

    @Override
    public boolean isInverted() {
        return false;
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        Tensor diff = r.unsqueeze(0).sub(q.unsqueeze(1)); // Nq x Nr x D
        Tensor num = diff.var(new int[]{2}, false, 1);
        return num.div(q.var(new int[]{1}, true, 1));
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        return r.sub(q).var(new int[]{1}, false, 1).div(q.var(new int[]{1}, false, 1));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("normalize", "true", "power", "1");
    }
}
