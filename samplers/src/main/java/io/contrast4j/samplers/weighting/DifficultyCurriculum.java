package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S402 · Difficulty curriculum for rankers (MacAvaney et al. 2020, <i>Training Curricula for Open Domain Answer
 * Re-Ranking</i>). Weight of a sample with ease D ∈ [0, 1] at epoch i: W = D + (i/m)(1 − D) for i &lt; m, else 1
 * (easy samples count fully from the start, hard ones are phased in). Ease from BM25 (S202) ranks:
 * {@link #easeFromRank}: reciprocal rank 1/r for a relevant document, 1 − 1/r for a non-relevant one (easy = relevant
 * ranked high or non-relevant ranked low). Default m = 1 epoch. The KDE variant and exact heuristics of the paper are
 * [K?] and not implemented (formula not verified against the paper: follows CATALOG.md).
 */
public final class DifficultyCurriculum implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S402", "Difficulty curriculum (training curricula for rankers)", "reweighting", "T2",
            "MacAvaney et al. 2020, Training Curricula for Open Domain Answer Re-Ranking",
            "W = D + (i/m)(1 − D) for epoch i < m, else 1");
    private final int m;

    public DifficultyCurriculum(int m) {
        if (m < 1) throw new IllegalArgumentException("parameter 'm' must be >= 1, got " + m);
        this.m = m;
    }

    /** Ease from a 1-based BM25 rank: 1/r if relevant, 1 − 1/r otherwise. */
    public static double easeFromRank(int rank, boolean relevant) {
        if (rank < 1) throw new IllegalArgumentException("parameter 'rank' must be >= 1, got " + rank);
        return relevant ? 1.0 / rank : 1 - 1.0 / rank;
    }

    /** Weights at {@code epoch} (0-based) for the given ease scores. */
    public double[] weights(double[] ease, int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("parameter 'epoch' must be >= 0, got " + epoch);
        double[] w = new double[ease.length];
        for (int i = 0; i < w.length; i++) {
            double d = ease[i];
            if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException("S402: ease[" + i + "] must be in [0, 1], got " + d);
            w[i] = epoch < m ? d + (epoch / (double) m) * (1 - d) : 1;
        }
        return w;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("m", String.valueOf(m));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("ease", "N", "ease scores in [0, 1]"));
    }
}
