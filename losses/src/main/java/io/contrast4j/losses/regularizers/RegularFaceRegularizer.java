package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L063 · RegularFace regularizer — Zhao et al., <i>RegularFace: Deep Face Recognition via Exclusive Regularization</i>
 * (CVPR 2019); PML {@code RegularFaceRegularizer}.
 * Per class weight: cos(w_c, w_{c*}) with c* = argmax_{c' ≠ c} cos(w_c, w_{c'}) chosen without gradient; mean over
 * classes (R01). Needs at least 2 classes. Gradient check: c* is frozen; keep the top two cosines apart.
 */
public final class RegularFaceRegularizer extends Regularizer {
    public static final CatalogInfo INFO = new CatalogInfo("L063", "RegularFace regularizer", "regularizer", "T1",
            "Zhao et al. 2019, RegularFace: Deep Face Recognition via Exclusive Regularization; PML RegularFaceRegularizer",
            "mean_c cos(w_c, w_c*), c* = argmax_{c'≠c} cos(w_c, w_c') (no grad)");

    public static RegularFaceRegularizer fromParams(Params ps) {
        ps.checkKnown(Set.of("dtype"));
        return new RegularFaceRegularizer();
    }

    @Override
    public Target target() {
        return Target.WEIGHTS;
    }

    @Override
    public Tensor regularize(Tensor w) {
        checkMatrix(w);
        int c = w.dim(0);
        if (c < 2) throw new IllegalArgumentException("L063: 'weights' needs at least 2 rows (classes), got " + c);
        Tensor cos = w.normalize(1).matmul(w.normalize(1), false, true);
        double[] v = cos.detach().toDoubleArray();
        int[] nearest = new int[c];
        for (int i = 0; i < c; i++) {
            int best = -1;
            for (int j = 0; j < c; j++) if (j != i && (best < 0 || v[i * c + j] > v[i * c + best])) best = j;
            nearest[i] = best;
        }
        return cos.gather(1, Tensor.ofInts(nearest, c, 1)).mean();
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
