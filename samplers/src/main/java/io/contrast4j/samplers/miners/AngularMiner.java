package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Map;

/**
 * S107 · Angular miner (pytorch-metric-learning {@code AngularMiner}, for the angular loss L009 of Wang et al.,
 * <i>Deep Metric Learning with Angular Loss</i>).
 *
 * <p>Rule: over all triplets, c = (a + p)/2 (raw embeddings), angle = atan(d(a, p) / (2·d(n, c))) with the miner's
 * distance (which, as in PML, normalises a, p, n and c when configured); keep triplets with angle > α.
 * Requires the L2 distance (D01). Defaults: angle 20 degrees, distance D01 (normalised).
 */
public final class AngularMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S107", "Angular miner", "miner", "T1",
            "pytorch-metric-learning AngularMiner; Deep Metric Learning with Angular Loss",
            "c = (a+p)/2, angle = atan(d(a,p) / (2 d(n,c))), keep angle > alpha");
    public static final Map<String, String> DEFAULTS = Map.of("angle", "20");

    private final double angleRad;

    public AngularMiner() {
        this(20, new LpDistance());
    }

    /** @param angleDegrees α in degrees */
    public AngularMiner(double angleDegrees, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (!(distance instanceof LpDistance)) throw new IllegalArgumentException("S107: needs the L2 distance (D01)");
        if (!(angleDegrees >= 0 && angleDegrees < 90)) throw new IllegalArgumentException("S107: parameter 'angle' must be in [0, 90) degrees, got " + angleDegrees);
        this.angleRad = Math.toRadians(angleDegrees);
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        IndicesTuple all = IndicesTuple.allTriplets(m.labels(), m.refLabels(), m.sameSet());
        if (all.size() == 0) return all;
        Tensor a = embeddings.indexSelect(0, all.anchors());
        Tensor p = ref.indexSelect(0, all.p());
        Tensor n = ref.indexSelect(0, all.n());
        Tensor c = a.add(p).mul(0.5);
        double[] ap = distance.pairwise(a, p).toDoubleArray();
        double[] nc = distance.pairwise(n, c).toDoubleArray();
        Ints ka = new Ints(), kp = new Ints(), kn = new Ints();
        for (int t = 0; t < ap.length; t++) {
            double angle = Math.atan(ap[t] / (2 * nc[t]));
            if (angle > angleRad) {
                ka.add(all.anchors()[t]);
                kp.add(all.p()[t]);
                kn.add(all.n()[t]);
            }
        }
        return triplets(ka, kp, kn);
    }
}
