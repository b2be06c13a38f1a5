package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.Distance;

import java.util.Map;

/**
 * S104 · Multi-similarity miner (Wang et al., <i>Multi-Similarity Loss with General Pair Weighting for Deep Metric
 * Learning</i>; pytorch-metric-learning {@code MultiSimilarityMiner}).
 *
 * <p>Rule (similarity): keep negative (a, n) if s_an + ε > min_{p∈P_a} s_ap; keep positive (a, p) if
 * s_ap − ε < max_{n∈N_a} s_an. Distances mirror it: keep n if d_an − ε < max_p d_ap, keep p if
 * d_ap + ε > min_n d_an. An anchor without positives keeps no negatives and vice versa. Returns pairs.
 * Defaults: epsilon 0.1, cosine similarity (D02). MLRC CUB: ε = 0.39.
 */
public final class MultiSimilarityMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S104", "Multi-similarity miner", "miner", "T1",
            "Multi-Similarity Loss (Wang et al. 2019); pytorch-metric-learning MultiSimilarityMiner",
            "keep n if s_an + eps > min_p s_ap; keep p if s_ap - eps < max_n s_an");
    public static final Map<String, String> DEFAULTS = Map.of("epsilon", "0.1", "distance", "cosine");

    private final double epsilon;

    public MultiSimilarityMiner() {
        this(0.1, new CosineSimilarity());
    }

    public MultiSimilarityMiner(double epsilon, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (!Double.isFinite(epsilon)) throw new IllegalArgumentException("S104: parameter 'epsilon' must be finite, got " + epsilon);
        this.epsilon = epsilon;
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        Ints a1 = new Ints(), p = new Ints(), a2 = new Ints(), n = new Ints();
        boolean sim = m.inverted();
        for (int i = 0; i < m.rows(); i++) {
            // hardest positive (least similar / farthest) and hardest negative (most similar / closest)
            double hardPos = sim ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            double hardNeg = sim ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            boolean anyPos = false, anyNeg = false;
            for (int j = 0; j < m.cols(); j++) {
                double v = m.get(i, j);
                if (m.isPos(i, j)) {
                    anyPos = true;
                    hardPos = sim ? Math.min(hardPos, v) : Math.max(hardPos, v);
                } else if (m.isNeg(i, j)) {
                    anyNeg = true;
                    hardNeg = sim ? Math.max(hardNeg, v) : Math.min(hardNeg, v);
                }
            }
            if (!anyPos || !anyNeg) continue;
            for (int j = 0; j < m.cols(); j++) {
                double v = m.get(i, j);
                if (m.isPos(i, j)) {
                    if (sim ? v - epsilon < hardNeg : v + epsilon > hardNeg) {
                        a1.add(i);
                        p.add(j);
                    }
                } else if (m.isNeg(i, j)) {
                    if (sim ? v + epsilon > hardPos : v - epsilon < hardPos) {
                        a2.add(i);
                        n.add(j);
                    }
                }
            }
        }
        return pairs(a1, p, a2, n);
    }
}
