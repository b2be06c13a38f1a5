package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Map;

/**
 * S105 · Pair-margin miner (pytorch-metric-learning {@code PairMarginMiner}).
 *
 * <p>Rule: distances: keep positive pairs with d > m⁺ and negative pairs with d < m⁻; similarities: positive pairs
 * with s < m⁺ and negative pairs with s > m⁻. Returns pairs. Defaults: pos_margin 0.2, neg_margin 0.8, distance D01.
 */
public final class PairMarginMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S105", "Pair-margin miner", "miner", "T1",
            "pytorch-metric-learning PairMarginMiner", "keep positives with d > m+ and negatives with d < m- (mirrored for similarities)");
    public static final Map<String, String> DEFAULTS = Map.of("pos_margin", "0.2", "neg_margin", "0.8", "distance", "lp");

    private final double posMargin, negMargin;

    public PairMarginMiner() {
        this(0.2, 0.8, new LpDistance());
    }

    public PairMarginMiner(double posMargin, double negMargin, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (!Double.isFinite(posMargin)) throw new IllegalArgumentException("S105: parameter 'pos_margin' must be finite, got " + posMargin);
        if (!Double.isFinite(negMargin)) throw new IllegalArgumentException("S105: parameter 'neg_margin' must be finite, got " + negMargin);
        this.posMargin = posMargin;
        this.negMargin = negMargin;
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        Ints a1 = new Ints(), p = new Ints(), a2 = new Ints(), n = new Ints();
        boolean sim = m.inverted();
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                double v = m.get(i, j);
                if (m.isPos(i, j) && (sim ? v < posMargin : v > posMargin)) {
                    a1.add(i);
                    p.add(j);
                } else if (m.isNeg(i, j) && (sim ? v > negMargin : v < negMargin)) {
                    a2.add(i);
                    n.add(j);
                }
            }
        }
        return pairs(a1, p, a2, n);
    }
}
