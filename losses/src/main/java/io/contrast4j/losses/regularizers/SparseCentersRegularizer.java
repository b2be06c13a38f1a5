package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L064 · Sparse-centers regularizer — the centre regulariser of Qian et al., <i>SoftTriple Loss</i> (ICCV 2019);
 * PML {@code SparseCentersRegularizer}.
 * Over same-class centre pairs (k &lt; l): √(2 + ε − min(2·cos(w_k, w_l), 2)), ε the dtype's smallest normal
 * number (PML {@code small_val}); summed and divided by 2·#pairs (R05).
 * Needs num_classes and centers_per_class &gt; 1; the weight rows are ordered class-major (row c·K + k), as L043's
 * centres. Gradient check: the square root has a kink at cos = 1.
 */
public final class SparseCentersRegularizer extends Regularizer {
    public static final CatalogInfo INFO = new CatalogInfo("L064", "Sparse-centers regularizer", "regularizer", "T1",
            "Qian et al. 2019, SoftTriple Loss (centre regulariser); PML SparseCentersRegularizer",
            "Σ_{same-class k<l} √(2 + ε − min(2cos(w_k, w_l), 2)) / (2·#pairs)");
    private final int numClasses, centersPerClass;
    private final int[] rows, cols;

    public SparseCentersRegularizer(int numClasses, int centersPerClass) {
        if (numClasses < 1) throw new IllegalArgumentException("L064: parameter 'num_classes' must be > 0, got " + numClasses);
        if (centersPerClass <= 1) throw new IllegalArgumentException("L064: parameter 'centers_per_class' must be > 1, got " + centersPerClass);
        this.numClasses = numClasses;
        this.centersPerClass = centersPerClass;
        int pairs = numClasses * centersPerClass * (centersPerClass - 1) / 2;
        rows = new int[pairs];
        cols = new int[pairs];
        int t = 0;
        for (int c = 0; c < numClasses; c++) {
            for (int k = 0; k < centersPerClass; k++) {
                for (int l = k + 1; l < centersPerClass; l++) {
                    rows[t] = c * centersPerClass + k;
                    cols[t] = c * centersPerClass + l;
                    t++;
                }
            }
        }
    }

    public static SparseCentersRegularizer fromParams(Params ps) {
        ps.checkKnown(Set.of("num_classes", "centers_per_class", "dtype"));
        if (!ps.has("num_classes") || !ps.has("centers_per_class")) throw new IllegalArgumentException("L064: parameters 'num_classes' and 'centers_per_class' are required");
        return new SparseCentersRegularizer(ps.getInt("num_classes", 0), ps.getInt("centers_per_class", 0));
    }

    @Override
    public Target target() {
        return Target.WEIGHTS;
    }

    @Override
    public Tensor regularize(Tensor w) {
        checkMatrix(w);
        int total = numClasses * centersPerClass;
        if (w.dim(0) != total) {
            throw new IllegalArgumentException("L064: 'weights' must have num_classes·centers_per_class = " + total + " rows, got " + w.dim(0));
        }
        Tensor wn = w.normalize(1);
        Tensor cos = wn.indexSelect(0, rows).mul(wn.indexSelect(0, cols)).sum(1);
        double eps = w.dtype() == io.contrast4j.autograd.DType.F64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        Tensor reg = cos.mul(2).clamp(Double.NEGATIVE_INFINITY, 2).neg().add(2 + eps).sqrt();
        return reg.sum().div(2.0 * rows.length);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("centers_per_class", "(required, > 1)");
    }
}
