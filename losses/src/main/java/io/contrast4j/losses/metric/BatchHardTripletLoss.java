package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.Distances;
import io.contrast4j.losses.distances.LpDistance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L004 · Batch-hard triplet loss (+ soft margin) — Hermans, Beyer, Leibe, <i>In Defense of the Triplet Loss for Person
 * Re-Identification</i> (2017); ST {@code BatchHardTripletLoss}, {@code BatchHardSoftMarginTripletLoss}.
 * Per anchor: hp = max_j d_ij·posmask_ij (an anchor without positives gets hp = 0), hn = min_k (d_ik + rowmax_i·(1 −
 * negmask_ik)); L = mean_i [hp − hn + m]₊, soft margin: mean_i log(1 + e^{hp − hn}). A batch without any anchor having
 * both a positive and a negative gives a zero loss on the graph.
 * Defaults (ST): unnormalised Euclidean distance, m = 5; {@code distance=cosine} uses 1 − cos.
 */
public final class BatchHardTripletLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L004", "Batch-hard triplet loss", "metric-learning", "T1",
            "Hermans et al. 2017, In Defense of the Triplet Loss for Person Re-Identification; ST BatchHardTripletLoss, BatchHardSoftMarginTripletLoss",
            "mean_i [max_P d − min_N d + m]+ (soft: log(1 + e^{hp − hn}))");
    private final double margin;
    private final boolean soft, cosine;
    private final Distance euclid = new LpDistance(2, false, 1);

    public BatchHardTripletLoss() {
        this(5, false, false);
    }

    public BatchHardTripletLoss(double margin, boolean soft, boolean cosineDistance) {
        this.margin = margin;
        this.soft = soft;
        this.cosine = cosineDistance;
    }

    public static BatchHardTripletLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "soft_margin", "distance", "dtype"));
        String d = p.getString("distance", "euclidean");
        if (!d.equals("euclidean") && !d.equals("cosine")) throw new IllegalArgumentException("parameter 'distance' must be euclidean or cosine, got '" + d + "'");
        return new BatchHardTripletLoss(p.getDouble("margin", 5), p.getBoolean("soft_margin", false), d.equals("cosine"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        if (y.length != e.dim(0)) throw new IllegalArgumentException("L004: " + e.dim(0) + " embeddings but " + y.length + " labels");
        if (!MetricOps.hasPosAndNeg(y)) return LossInputs.zeroLoss(e);
        Tensor d = cosine ? Distances.byName("cosine").matrix(e).neg().add(1) : euclid.matrix(e);
        Tensor pos = MetricOps.labelMask(y, y, true, true, d.dtype());
        Tensor neg = MetricOps.labelMask(y, y, true, false, d.dtype());
        Tensor hp = d.mul(pos).max(new int[]{1}, false);
        Tensor rowMax = d.max(new int[]{1}, true);
        Tensor hn = d.add(rowMax.mul(neg.neg().add(1))).min(new int[]{1}, false);
        Tensor diff = hp.sub(hn);
        return (soft ? diff.softplus() : diff.add(margin).relu()).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "5", "soft_margin", "false", "distance", "euclidean");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"), Input.ints(LossInputs.LABELS, "N", "class labels"));
    }
}
