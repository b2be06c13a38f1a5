package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Locale;
import java.util.Map;

/**
 * S101 · Triplet-margin miner (pytorch-metric-learning {@code TripletMarginMiner}).
 *
 * <p>Rule: over all triplets (a, p, n), μ = margin(d_an, d_ap) (distance: d_an − d_ap; similarity: s_ap − s_an),
 * larger = easier. {@code easy}: μ > m; otherwise μ ≤ m, and in addition {@code hard}: μ ≤ 0, {@code semihard}:
 * μ > 0; {@code all}: μ ≤ m. Returns triplets. Defaults: margin 0.2, type_of_triplets "all", distance D01 (L2 of
 * normalised embeddings).
 */
public final class TripletMarginMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S101", "Triplet-margin miner", "miner", "T1",
            "pytorch-metric-learning TripletMarginMiner", "mu = margin(d_an, d_ap); easy: mu > m; all: mu <= m; hard: mu <= 0; semihard: 0 < mu <= m");
    public static final Map<String, String> DEFAULTS = Map.of("margin", "0.2", "type_of_triplets", "all", "distance", "lp");

    public enum Type { ALL, HARD, SEMIHARD, EASY }

    private final double margin;
    private final Type type;

    public TripletMarginMiner() {
        this(0.2, Type.ALL, new LpDistance());
    }

    public TripletMarginMiner(double margin, Type type, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (!Double.isFinite(margin)) throw new IllegalArgumentException("S101: parameter 'margin' must be finite, got " + margin);
        if (type == null) throw new IllegalArgumentException("S101: parameter 'type_of_triplets' is required");
        this.margin = margin;
        this.type = type;
    }

    public static Type parseType(String s) {
        try {
            return Type.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S101: parameter 'type_of_triplets' must be all, hard, semihard or easy, got '" + s + "'");
        }
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        Ints a = new Ints(), p = new Ints(), n = new Ints();
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (!m.isPos(i, j)) continue;
                double ap = m.get(i, j);
                for (int k = 0; k < m.cols(); k++) {
                    if (!m.isNeg(i, k)) continue;
                    double mu = m.margin(m.get(i, k), ap);
                    boolean keep = switch (type) {
                        case EASY -> mu > margin;
                        case ALL -> mu <= margin;
                        case HARD -> mu <= margin && mu <= 0;
                        case SEMIHARD -> mu <= margin && mu > 0;
                    };
                    if (keep) {
                        a.add(i);
                        p.add(j);
                        n.add(k);
                    }
                }
            }
        }
        return triplets(a, p, n);
    }
}
