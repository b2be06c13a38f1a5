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
 * L051 · P2SGrad — Zhang et al., <i>P2SGrad: Refined Gradients for Optimizing Deep Face Models</i> (CVPR 2019);
 * PML {@code P2SGradLoss}.
 * The class weights are renormalised to unit rows before each call (a data update, as PML's in-place
 * {@code renorm}); cos = clamp(x·Wᵀ/‖x‖, −1, 1); L = mean over N×C of (cos_ij − 1[j = y_i])².
 * W starts U(−1, 1) renormalised to unit rows (PML). Mined tuples are not supported (as PML).
 * The in-place renormalisation runs only when a row's norm is off 1 by more than 1e-5 (PML's own tolerance), so
 * a finite-difference perturbation is not undone. W LR: own param group (O01), ≈10–100× backbone.
 * Params: num_classes and embedding_size (PML calls it descriptors_dim; both accepted).
 */
public final class P2SGradLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L051", "P2SGrad", "metric-learning", "T1",
            "Zhang et al. 2019, P2SGrad: Refined Gradients for Optimizing Deep Face Models; PML P2SGradLoss",
            "cos = clamp(x·Wᵀ/‖x‖, −1, 1) with unit W rows; L = mean_{i,j} (cos_ij − 1[j=y_i])²");
    static final double RENORM_TOL = 1e-5;
    private final Tensor weights;

    public P2SGradLoss(int numClasses, int embeddingSize, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        this.weights = ProxyOps.learnable(Tensor.rand(dtype, new Rng(seed), -1, 1, numClasses, embeddingSize));
        renormalize(true);
    }

    public static P2SGradLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "descriptors_dim", "dtype", "seed"));
        if (p.has("descriptors_dim") && p.has("embedding_size")) throw new IllegalArgumentException("L051: give 'embedding_size' or its alias 'descriptors_dim', not both");
        Params q = p.has("descriptors_dim") ? p.with("embedding_size", p.getString("descriptors_dim", "")) : p;
        return new P2SGradLoss(ProxyOps.requiredInt(q, "num_classes", "L051"), ProxyOps.requiredInt(q, "embedding_size", "L051"), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor weights() {
        return weights;
    }

    /** Rescales each row of W to unit norm in place (always, or only when a row is off by more than 1e-5). */
    public void renormalize(boolean always) {
        double[] w = weights.toDoubleArray();
        int d = embeddingSize;
        boolean changed = false;
        for (int c = 0; c < numClasses; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += w[c * d + j] * w[c * d + j];
            double norm = Math.sqrt(s);
            if (norm > 1e-12 && (always || Math.abs(norm - 1) > RENORM_TOL)) {
                for (int j = 0; j < d; j++) w[c * d + j] /= norm;
                changed = true;
            }
        }
        if (changed) ProxyOps.set(weights, w);
    }

    @Override
    public Tensor compute(LossInputs in) {
        if (in.mined() != null) throw new IllegalArgumentException("L051: mined tuples are not supported");
        Batch b = batch(in);
        renormalize(false);
        Tensor x = b.embeddings();
        Tensor cos = x.matmul(weights, false, true).div(x.norm(1, true)).clamp(-1, 1);
        Tensor diff = cos.sub(ProxyOps.oneHot(b.labels(), numClasses, x.dtype()));
        return diff.mul(diff).mean();
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
        return Map.of("dtype", "F32", "seed", "0");
    }
}
