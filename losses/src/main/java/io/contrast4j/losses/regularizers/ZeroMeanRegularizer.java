package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L061 · Zero-mean regularizer — PML {@code ZeroMeanRegularizer}; the DSML regulariser of <i>Signal-to-Noise Ratio:
 * A Robust Distance Metric for Deep Metric Learning</i> (Yuan et al., CVPR 2019; λ·Σ_i |mean_d x_i|, the same up to 1/D).
 * Per embedding |Σ_d x_d|; mean over the batch (R01). No parameters. Gradient check: |·| kink at 0.
 */
public final class ZeroMeanRegularizer extends Regularizer {
    public static final CatalogInfo INFO = new CatalogInfo("L061", "Zero-mean regularizer", "regularizer", "T1",
            "PML ZeroMeanRegularizer; Yuan et al. 2019, Signal-to-Noise Ratio: A Robust Distance Metric for Deep Metric Learning",
            "mean_i |Σ_d x_id|");

    public static ZeroMeanRegularizer fromParams(Params ps) {
        ps.checkKnown(Set.of("dtype"));
        return new ZeroMeanRegularizer();
    }

    @Override
    public Target target() {
        return Target.EMBEDDINGS;
    }

    @Override
    public Tensor regularize(Tensor x) {
        checkMatrix(x);
        return x.sum(1).abs().mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }
}
