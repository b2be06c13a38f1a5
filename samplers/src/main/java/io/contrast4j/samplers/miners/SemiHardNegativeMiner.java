package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Map;

/**
 * S103 · Semi-hard negative per positive pair (Schroff et al., <i>FaceNet</i>; TensorFlow-addons
 * {@code triplet_semihard_loss} semantics as in sentence-transformers {@code BatchSemiHardTripletLoss}, L005).
 *
 * <p>Rule: for every positive pair (a, p), among the negatives farther from a than p (d_an > d_ap; similarity:
 * s_an < s_ap) take the closest; if there is none, take the farthest negative of a. Anchors without negatives give
 * no triplets. Note that unlike S101 "semihard" there is no upper margin bound, as in TF. Returns triplets (one per
 * positive pair). Ties pick the lowest index. Defaults: distance D01 without normalisation (ST uses raw Euclidean).
 */
public final class SemiHardNegativeMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S103", "Semi-hard negative miner", "miner", "T1",
            "FaceNet; TF-addons triplet_semihard_loss; sentence-transformers BatchSemiHardTripletLoss",
            "per (a,p): closest n with d_an > d_ap, else the farthest n");
    public static final Map<String, String> DEFAULTS = Map.of("distance", "lp", "normalize", "false");

    public SemiHardNegativeMiner() {
        this(new LpDistance(2, false, 1));
    }

    public SemiHardNegativeMiner(Distance distance) {
        super(INFO, DEFAULTS, distance);
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        Ints a = new Ints(), p = new Ints(), n = new Ints();
        for (int i = 0; i < m.rows(); i++) {
            int farthest = -1;
            for (int k = 0; k < m.cols(); k++) {
                if (m.isNeg(i, k) && (farthest < 0 || m.closer(m.get(i, farthest), m.get(i, k)))) farthest = k;
            }
            if (farthest < 0) continue;
            for (int j = 0; j < m.cols(); j++) {
                if (!m.isPos(i, j)) continue;
                double ap = m.get(i, j);
                int best = -1;
                for (int k = 0; k < m.cols(); k++) {
                    if (!m.isNeg(i, k)) continue;
                    double an = m.get(i, k);
                    if (!m.closer(ap, an)) continue; // need the negative strictly farther than the positive
                    if (best < 0 || m.closer(an, m.get(i, best))) best = k;
                }
                a.add(i);
                p.add(j);
                n.add(best >= 0 ? best : farthest);
            }
        }
        return triplets(a, p, n);
    }
}
