package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Map;

/**
 * S106 · Distance-weighted miner (Wu et al., <i>Sampling Matters in Deep Embedding Learning</i>;
 * pytorch-metric-learning {@code DistanceWeightedMiner}).
 *
 * <p>Rule: d clamped to ≥ cutoff; log w = (2 − D)·log d − ((D − 3)/2)·log(1 − d²/4), the inverse of the density of
 * pairwise distances on the unit sphere in D dimensions; weight 0 for same-class pairs, for d ≥ nonzero_loss_cutoff
 * and for non-finite log w; normalised per anchor. For each positive pair (a, p) one negative is sampled with these
 * weights (anchors whose weights are all 0 give nothing). Deviation from PML: PML draws n_p positives per anchor
 * at random with replacement; here every positive pair is used once. Seeded: the miner's own {@link Rng} advances on
 * every call. Requires L2 distance of normalised embeddings (D01 defaults).
 * Defaults: cutoff 0.5, nonzero_loss_cutoff 1.4, seed 0.
 */
public final class DistanceWeightedMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S106", "Distance-weighted miner", "miner", "T1",
            "Sampling Matters in Deep Embedding Learning; pytorch-metric-learning DistanceWeightedMiner",
            "log w = (2-D) log d - ((D-3)/2) log(1 - d^2/4), d >= cutoff, w = 0 for same class or d >= nonzero_loss_cutoff");
    public static final Map<String, String> DEFAULTS = Map.of("cutoff", "0.5", "nonzero_loss_cutoff", "1.4", "seed", "0");

    private final double cutoff, nonzeroLossCutoff;
    private final Rng rng;

    public DistanceWeightedMiner() {
        this(0.5, 1.4, new Rng(0));
    }

    public DistanceWeightedMiner(double cutoff, double nonzeroLossCutoff, Rng rng) {
        this(cutoff, nonzeroLossCutoff, new LpDistance(), rng);
    }

    public DistanceWeightedMiner(double cutoff, double nonzeroLossCutoff, Distance distance, Rng rng) {
        super(INFO, DEFAULTS, distance);
        if (!(distance instanceof LpDistance) || !distance.normalizes()) {
            throw new IllegalArgumentException("S106: needs the L2 distance of normalised embeddings (D01 with normalize=true)");
        }
        if (!(cutoff >= 0) || !Double.isFinite(cutoff)) throw new IllegalArgumentException("S106: parameter 'cutoff' must be finite and >= 0, got " + cutoff);
        if (!(nonzeroLossCutoff > cutoff)) {
            throw new IllegalArgumentException("S106: parameter 'nonzero_loss_cutoff' must be > cutoff=" + cutoff + ", got " + nonzeroLossCutoff);
        }
        if (rng == null) throw new IllegalArgumentException("S106: a random source (seed) is required");
        this.cutoff = cutoff;
        this.nonzeroLossCutoff = nonzeroLossCutoff;
        this.rng = rng;
    }

    /** The unnormalised log weight of a negative at distance {@code d} in dimension {@code dim} (−∞ = weight 0). */
    public double logWeight(double d, int dim) {
        double dc = Math.max(d, cutoff);
        double lw = (2.0 - dim) * Math.log(dc) - ((dim - 3) / 2.0) * Math.log(1.0 - 0.25 * dc * dc);
        if (!Double.isFinite(lw) || dc >= nonzeroLossCutoff) return Double.NEGATIVE_INFINITY;
        return lw;
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        int dim = embeddings.dim(1);
        Ints a = new Ints(), p = new Ints(), n = new Ints();
        double[] w = new double[m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m.cols(); k++) {
                w[k] = m.isNeg(i, k) ? logWeight(m.get(i, k), dim) : Double.NEGATIVE_INFINITY;
                max = Math.max(max, w[k]);
            }
            if (max == Double.NEGATIVE_INFINITY) continue;
            double total = 0;
            for (int k = 0; k < m.cols(); k++) {
                w[k] = w[k] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[k] - max);
                total += w[k];
            }
            for (int j = 0; j < m.cols(); j++) {
                if (!m.isPos(i, j)) continue;
                double u = rng.nextDouble() * total, acc = 0;
                int pick = -1;
                for (int k = 0; k < m.cols(); k++) {
                    if (w[k] == 0) continue;
                    acc += w[k];
                    pick = k;
                    if (u < acc) break;
                }
                a.add(i);
                p.add(j);
                n.add(pick);
            }
        }
        return triplets(a, p, n);
    }
}
