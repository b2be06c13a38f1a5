package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.Distances;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.AvgNonZeroReducer;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L003 · Triplet margin loss — Schroff et al., <i>FaceNet</i> (2015); PML {@code TripletMarginLoss}; ST
 * {@code TripletLoss} (column form) and {@code BatchAllTripletLoss} (alias: all triplets + R03).
 * ℓ = [margin(d_ap, d_an) + m]₊ (distance: [d_ap − d_an + m]₊); {@code swap}: d_an ← smallestDist(d_an, d_pn);
 * {@code smooth}: softplus instead of relu. E+y form: all valid triplets (or mined ones), reducer R03.
 * Column form (inputs anchors, positives, negatives, row-aligned; ST ≤ 4.x semantics with true distances): same
 * formula per row, mean (R01).
 * Defaults: PML m = 0.05, D01 on normalised embeddings, R03, all triplets; ST m = 5 with unnormalised Euclidean.
 */
public final class TripletMarginLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L003", "Triplet margin loss", "metric-learning", "T1",
            "Schroff et al. 2015, FaceNet; PML TripletMarginLoss; ST TripletLoss, BatchAllTripletLoss",
            "[margin(d_ap, d_an) + m]+");
    private final double margin;
    private final boolean swap, smooth;

    public TripletMarginLoss() {
        this(0.05, false, false, new LpDistance(), new AvgNonZeroReducer());
    }

    public TripletMarginLoss(double margin, boolean swap, boolean smooth, Distance distance, Reducer reducer) {
        super(distance, reducer);
        this.margin = margin;
        this.swap = swap;
        this.smooth = smooth;
    }

    public static TripletMarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "swap", "smooth_loss", "distance", "dtype"));
        return new TripletMarginLoss(p.getDouble("margin", 0.05), p.getBoolean("swap", false), p.getBoolean("smooth_loss", false),
                Distances.byName(p.getString("distance", "D01")), new AvgNonZeroReducer());
    }

    private Tensor hinge(Tensor ap, Tensor an) {
        Tensor v = distance.margin(ap, an).add(margin);
        return smooth ? v.softplus() : v.relu();
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = tripletsOrAll(mined, labels, refLabels, refIsBatch);
        Tensor d = distance.matrix(emb, ref);
        Tensor ap = pick(d, t.anchors(), t.p()), an = pick(d, t.anchors(), t.n());
        if (swap) {
            Tensor dpn = distance.matrix(ref, ref);
            an = distance.smallestDist(an, pick(dpn, t.p(), t.n()));
        }
        return Map.of("loss", LossTerms.triplets(hinge(ap, an), t.anchors()));
    }

    @Override
    public Tensor compute(LossInputs in) {
        if (!in.has(PairInputs.ANCHORS)) return super.compute(in);
        in.validate(INFO.id(), columnInputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES, PairInputs.NEGATIVES);
        Tensor a = in.get(PairInputs.ANCHORS), p = in.get(PairInputs.POSITIVES), n = in.get(PairInputs.NEGATIVES);
        Tensor an = distance.pairwise(a, n);
        if (swap) an = distance.smallestDist(an, distance.pairwise(p, n));
        Tensor l = hinge(distance.pairwise(a, p), an);
        int[] idx = new int[a.dim(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return new MeanReducer().reduce(Map.of("loss", LossTerms.triplets(l, idx)), a, null);
    }

    /** The ST column layout. */
    public static List<Input> columnInputs() {
        return List.of(Input.floats(PairInputs.ANCHORS, "N x D", "anchor embeddings"),
                Input.floats(PairInputs.POSITIVES, "N x D", "positive embeddings"),
                Input.floats(PairInputs.NEGATIVES, "N x D", "negative embeddings"));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.05", "swap", "false", "smooth_loss", "false", "distance", "D01", "reducer", "R03");
    }
}
