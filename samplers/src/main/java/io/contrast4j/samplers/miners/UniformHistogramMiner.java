package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Map;

/**
 * S109 · Uniform histogram miner (pytorch-metric-learning {@code UniformHistogramMiner}).
 *
 * <p>Rule: split the range [min, max] of the positive (resp. negative) pair values into {@code num_bins} equal bins
 * (bin i = [e_i, e_{i+1}), the last one closed); from every non-empty bin draw {@code pos_per_bin}
 * (resp. {@code neg_per_bin}) pairs uniformly with replacement. Seeded: the miner's own {@link Rng} advances on every
 * call. Returns pairs. Defaults: num_bins 100, pos_per_bin 10, neg_per_bin 10, distance D01, seed 0.
 */
public final class UniformHistogramMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S109", "Uniform histogram miner", "miner", "T1",
            "pytorch-metric-learning UniformHistogramMiner", "per bin of [min, max] pair values: per_bin pairs with replacement");
    public static final Map<String, String> DEFAULTS = Map.of("num_bins", "100", "pos_per_bin", "10", "neg_per_bin", "10", "distance", "lp", "seed", "0");

    private final int numBins, posPerBin, negPerBin;
    private final Rng rng;

    public UniformHistogramMiner(int numBins, int posPerBin, int negPerBin, Distance distance, Rng rng) {
        super(INFO, DEFAULTS, distance);
        if (numBins <= 0) throw new IllegalArgumentException("S109: parameter 'num_bins' must be > 0, got " + numBins);
        if (posPerBin <= 0) throw new IllegalArgumentException("S109: parameter 'pos_per_bin' must be > 0, got " + posPerBin);
        if (negPerBin <= 0) throw new IllegalArgumentException("S109: parameter 'neg_per_bin' must be > 0, got " + negPerBin);
        if (rng == null) throw new IllegalArgumentException("S109: a random source (seed) is required");
        this.numBins = numBins;
        this.posPerBin = posPerBin;
        this.negPerBin = negPerBin;
        this.rng = rng;
    }

    public UniformHistogramMiner() {
        this(100, 10, 10, new LpDistance(), new Rng(0));
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        IndicesTuple all = IndicesTuple.allPairs(m.labels(), m.refLabels(), m.sameSet());
        int[][] pos = sample(m, all.a1(), all.p(), posPerBin);
        int[][] neg = sample(m, all.a2(), all.n(), negPerBin);
        return IndicesTuple.pairs(pos[0], pos[1], neg[0], neg[1]);
    }

    /** Bin of value v within [lo, hi] split into num_bins (last bin closed). */
    public int binOf(double v, double lo, double hi) {
        if (hi <= lo) return 0;
        double w = (hi - lo) / numBins;
        int b = (int) Math.floor((v - lo) / w);
        return Math.max(0, Math.min(numBins - 1, b));
    }

    private int[][] sample(DistMatrix m, int[] a, int[] o, int perBin) {
        if (a.length == 0) return new int[][]{new int[0], new int[0]};
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            double v = m.get(a[i], o[i]);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        Ints[] bins = new Ints[numBins];
        for (int i = 0; i < a.length; i++) {
            int b = binOf(m.get(a[i], o[i]), lo, hi);
            if (bins[b] == null) bins[b] = new Ints();
            bins[b].add(i);
        }
        Ints ra = new Ints(), ro = new Ints();
        for (Ints bin : bins) {
            if (bin == null) continue;
            for (int t = 0; t < perBin; t++) {
                int pick = bin.get(rng.nextInt(bin.size()));
                ra.add(a[pick]);
                ro.add(o[pick]);
            }
        }
        return new int[][]{ra.toArray(), ro.toArray()};
    }
}
