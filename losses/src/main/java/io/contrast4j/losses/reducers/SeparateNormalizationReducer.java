package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * R12 · Separate normalisation of positive (foreground) and negative (background) terms — Knyazev et al.,
 * <i>Graph Density-Aware Losses for Novel Compositions in Scene Graph Generation</i> (BMVC 2020):
 * L = (1/|E_fg|) Σ_fg ℓ + γ·(1/|E_bg|) Σ_bg ℓ instead of (1/|E|) Σ_all ℓ. Foreground terms: positive pairs, or element
 * and triplet terms whose anchor label is not {@code background}; background: negative pairs, or anchor label ==
 * {@code background}. An empty side contributes 0. Defaults γ = 1, background label 0.
 */
public final class SeparateNormalizationReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R12", "Separate normalisation of positive and negative terms", "reducer", "T2",
            "Knyazev et al. 2020, Graph Density-Aware Losses for Novel Compositions in Scene Graph Generation",
            "L = mean_fg ℓ + γ·mean_bg ℓ");
    private final double gamma;
    private final int background;

    public SeparateNormalizationReducer() {
        this(1, 0);
    }

    public SeparateNormalizationReducer(double gamma, int background) {
        this.gamma = gamma;
        this.background = background;
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        Tensor l = terms.losses();
        switch (terms.type()) {
            case POS_PAIR:
                return l.mean();
            case NEG_PAIR:
                return l.mean().mul(gamma);
            default:
                break;
        }
        if (labels == null || terms.anchors() == null) throw new IllegalArgumentException("SeparateNormalizationReducer: element/triplet terms need labels and anchors");
        int[] a = terms.anchors();
        double[] fg = new double[a.length], bg = new double[a.length];
        int nf = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            if (labels[a[k]] == background) {
                bg[k] = 1;
                nb++;
            } else {
                fg[k] = 1;
                nf++;
            }
        }
        for (int k = 0; k < a.length; k++) {
            if (nf > 0) fg[k] /= nf;
            if (nb > 0) bg[k] = bg[k] * gamma / nb;
        }
        double[] w = new double[a.length];
        for (int k = 0; k < a.length; k++) w[k] = fg[k] + bg[k];
        return l.reshape(a.length).mul(Tensor.of(w, a.length).to(l.dtype())).sum();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma", "1", "background", "0");
    }
}
