package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L050 · Sub-center ArcFace — Deng et al., <i>Sub-center ArcFace: Boosting Face Recognition by Large-scale Noisy Web
 * Faces</i> (ECCV 2020); PML {@code SubCenterArcFaceLoss}.
 * K sub-centres per class (W rows c·K + k); cos θ_c = max_k cos(x, W_{c,k}); then L049 on these class cosines.
 * {@link #outliers}: per class, the dominant sub-centre is the most frequent argmax; samples whose cosine to it is
 * below cos(threshold) are outliers (to drop/clean).
 * Defaults: sub_centers K = 3, margin 28.6°, scale 64. W LR: own param group (O01), ≈10–100× backbone.
 * Gradient check: the max over sub-centres is frozen at its argmax; keep the top two apart (no ties).
 */
public final class SubCenterArcFaceLoss extends ArcFaceLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L050", "Sub-center ArcFace", "metric-learning", "T1",
            "Deng et al. 2020, Sub-center ArcFace: Boosting Face Recognition by Large-scale Noisy Web Faces; PML SubCenterArcFaceLoss",
            "cos θ_c = max_k cos(x, W_{c,k}); then ArcFace");
    private final int subCenters;

    public SubCenterArcFaceLoss(int numClasses, int embeddingSize, int subCenters, double marginDegrees, double scale, DType dtype, long seed) {
        super(numClasses, embeddingSize, marginDegrees, scale, dtype, seed, checkK(subCenters) * numClasses);
        this.subCenters = subCenters;
    }

    private static int checkK(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'sub_centers' must be >= 1, got " + k);
        return k;
    }

    public static SubCenterArcFaceLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "sub_centers", "margin", "scale", "dtype", "seed"));
        return new SubCenterArcFaceLoss(ProxyOps.requiredInt(p, "num_classes", "L050"), ProxyOps.requiredInt(p, "embedding_size", "L050"),
                ProxyOps.positiveInt(p, "sub_centers", 3), p.getDouble("margin", 28.6), p.getPositive("scale", 64), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public int subCenters() {
        return subCenters;
    }

    /** cos to every sub-centre (N x C x K). */
    public Tensor subCenterCosine(Tensor embeddings) {
        return super.cosine(embeddings).reshape(embeddings.dim(0), numClasses, subCenters);
    }

    @Override
    public Tensor cosine(Tensor embeddings) {
        return subCenterCosine(embeddings).max(new int[]{2}, false);
    }

    /** Outlier sample indices and each class's dominant sub-centre (C x D, normalised; zero rows for absent classes). */
    public record Outliers(int[] indices, Tensor dominantCenters) {
    }

    /** PML {@code get_outliers}: samples whose cosine to their class's dominant sub-centre is below cos(thresholdDegrees). */
    public Outliers outliers(Tensor embeddings, int[] labels, double thresholdDegrees) {
        double cosThreshold = Math.cos(Math.toRadians(thresholdDegrees));
        double[] cos = subCenterCosine(embeddings.detach()).toDoubleArray();
        double[] w = weights.detach().normalize(1).toDoubleArray();
        int d = embeddingSize;
        double[] dominant = new double[numClasses * d];
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            int[] counts = new int[subCenters];
            for (int i = 0; i < labels.length; i++) if (labels[i] == c) counts[argmax(cos, (i * numClasses + c) * subCenters, subCenters)]++;
            int dom = 0;
            boolean any = false;
            for (int k = 0; k < subCenters; k++) {
                if (counts[k] > 0) any = true;
                if (counts[k] > counts[dom]) dom = k;
            }
            if (!any) continue;
            System.arraycopy(w, (c * subCenters + dom) * d, dominant, c * d, d);
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c && cos[(i * numClasses + c) * subCenters + dom] < cosThreshold) out.add(i);
            }
        }
        out.sort(null);
        return new Outliers(out.stream().mapToInt(Integer::intValue).toArray(), Tensor.of(dominant, numClasses, d).to(dtype));
    }

    private static int argmax(double[] v, int off, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (v[off + j] > v[off + best]) best = j;
        return best;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("sub_centers", "3", "margin", "28.6", "scale", "64", "dtype", "F32", "seed", "0");
    }
}
