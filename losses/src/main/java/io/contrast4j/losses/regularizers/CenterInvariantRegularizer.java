package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L062 · Center-invariant regularizer — Wu et al., <i>Deep Face Recognition with Center Invariant Loss</i>
 * (ACM MM workshops 2017); PML {@code CenterInvariantRegularizer} (a weight regularizer).
 * Per class weight w_c: (‖w_c‖² − mean_c ‖w_c‖²)² / 4 (unnormalised L2); mean over classes (R01). No parameters.
 */
public final class CenterInvariantRegularizer extends Regularizer {
    public static final CatalogInfo INFO = new CatalogInfo("L062", "Center-invariant regularizer", "regularizer", "T1",
            "Wu et al. 2017, Deep Face Recognition with Center Invariant Loss; PML CenterInvariantRegularizer",
            "mean_c (‖w_c‖² − mean_c' ‖w_c'‖²)² / 4");

    public static CenterInvariantRegularizer fromParams(Params ps) {
        ps.checkKnown(Set.of("dtype"));
        return new CenterInvariantRegularizer();
    }

    @Override
    public Target target() {
        return Target.WEIGHTS;
    }

    @Override
    public Tensor regularize(Tensor w) {
        checkMatrix(w);
        Tensor sq = w.mul(w).sum(1);
        Tensor dev = sq.sub(sq.mean());
        return dev.mul(dev).div(4).mean();
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
