package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;

import java.util.Map;

import static io.contrast4j.losses.metric.MetricLosses.labelled;

/** Seeded F64 example inputs for the registry rows L019, L021–L027 (kept off kinks and ties). */
final class MetricExamples {
    private MetricExamples() {
    }

    /** Labelled batch plus a random normalised 11-node histogram state (L019 with 10 bins). */
    static LossInputs withHistogram(long seed) {
        Tensor h = Tensor.rand(DType.F64, new Rng(seed * 7 + 1), 0.1, 1.0, 11);
        return labelled(seed, 8, 4, 3).with(DynamicSoftMarginLoss.HISTOGRAM, h.div(h.sum().item()).detach());
    }

    /** Labelled batch (3 classes) with 4 groups of two for the group tier. */
    static LossInputs grouped(long seed) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = i % 4;
        return labelled(seed, 8, 4, 3).with(TieredQuadrupletLoss.GROUPS, Tensor.ofInts(g, 8));
    }

    /** Text/image pairs with identity labels (two rows per identity) and CCD weights. */
    static LossInputs identities(long seed) {
        Rng r = new Rng(seed);
        Tensor t = Tensor.randn(DType.F64, r, 6, 4);
        Tensor im = t.add(Tensor.randn(DType.F64, r, 6, 4).mul(0.8)).detach();
        return LossInputs.of(Map.of(PairInputs.ANCHORS, t, PairInputs.POSITIVES, im, PairInputs.LABELS, Tensor.ofInts(new int[]{0, 0, 1, 1, 2, 2}, 6),
                TripletAlignmentLoss.WEIGHTS, Tensor.rand(DType.F64, r, 0.5, 1.5, 6)));
    }

    /** A 3-way episode: 6 support samples (two per class) and 5 queries. */
    static LossInputs episode(long seed) {
        Rng r = new Rng(seed);
        Tensor s = Tensor.randn(DType.F64, r, 6, 4), q = Tensor.randn(DType.F64, r, 5, 4);
        return LossInputs.of(q, new int[]{0, 1, 2, 0, 1}).with(ProtoTripletLoss.SUPPORT, s)
                .with(ProtoTripletLoss.SUPPORT_LABELS, Tensor.ofInts(new int[]{0, 1, 2, 0, 1, 2}, 6));
    }

    /** Users, positive items and K sampled negatives per user. */
    static LossInputs negatives(long seed, int b, int d, int k) {
        Rng r = new Rng(seed);
        Tensor u = Tensor.randn(DType.F64, r, b, d);
        return LossInputs.of(Map.of(PairInputs.ANCHORS, u, PairInputs.POSITIVES, u.add(Tensor.randn(DType.F64, r, b, d)).detach(),
                PairInputs.NEGATIVES, Tensor.randn(DType.F64, r, b, k, d)));
    }
}
