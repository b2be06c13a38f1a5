package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;

import io.contrast4j.autograd.registry.Params;

import java.util.List;
import java.util.Map;

/** Registry rows of CATALOG.md section (a), pair and triplet losses. */
public final class MetricLosses {
    private MetricLosses() {
    }

    public static List<LossEntry> entries() {
        return List.of(
                LossEntry.of("L001", ContrastiveLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L002", OnlineContrastiveLoss::fromParams, s -> pairs(s, 8, 4, true)),
                LossEntry.of("L003", TripletMarginLoss::fromParams, Params.of(Map.of("margin", "0.3")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L004", BatchHardTripletLoss::fromParams, Params.of(Map.of("margin", "1.5")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L005", BatchSemiHardTripletLoss::fromParams, Params.of(Map.of("margin", "1.5")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L006", MegaBatchMarginLoss::fromParams, s -> columns(s, 6, 4, false)),
                LossEntry.of("L007", LiftedStructureLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L008", GeneralizedLiftedStructureLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L009", AngularLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L010", MarginLoss::fromParams, Params.of(Map.of("learn_beta", "true", "nu", "0.1", "num_classes", "3")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L011", MultiSimilarityLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L012", CircleLoss::fromParams, Params.of(Map.of("gamma", "4", "detach_weights", "false")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L013", TupletMarginLoss::fromParams, Params.of(Map.of("scale", "8")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L014", IntraPairVarianceLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L015", HistogramLoss::fromParams, Params.of(Map.of("n_bins", "7")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L016", FastApLoss::fromParams, s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L017", PnpLoss::fromParams, Params.of(Map.of("anneal", "0.1", "variant", "Ds")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L018", RankedListLoss::fromParams, Params.of(Map.of("margin", "0.4", "Tn", "3", "Tp", "1")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L020", ThresholdConsistentMarginLoss::fromParams, Params.of(Map.of("margin_plus", "0.5", "margin_minus", "-0.2")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L028", CosineSimilarityLoss::fromParams, s -> pairs(s, 8, 4, false)),
                LossEntry.of("L029", CoSentLoss::fromParams, Params.of(Map.of("scale", "5")), s -> pairs(s, 8, 4, false)),
                LossEntry.of("L030", CoSentLoss::angleFromParams, Params.of(Map.of("scale", "5")), s -> pairs(s, 8, 4, false)),
                LossEntry.of("L019", DynamicSoftMarginLoss::fromParams, Params.of(Map.of("training", "false")), MetricExamples::withHistogram),
                LossEntry.of("L021", TieredQuadrupletLoss::fromParams, MetricExamples::grouped),
                LossEntry.of("L022", BidirectionalHingeLoss::fromParams, s -> columns(s, 6, 4, false)),
                LossEntry.of("L023", TripletAlignmentLoss::fromParams, Params.of(Map.of("tau", "0.05", "detach_alpha", "false")), MetricExamples::identities),
                LossEntry.of("L024", ProtoTripletLoss::fromParams, MetricExamples::episode),
                LossEntry.of("L025", CosineContrastiveLoss::fromParams, Params.of(Map.of("margin", "0.1", "negative_weight", "2")), s -> MetricExamples.negatives(s, 5, 4, 3)),
                LossEntry.of("L026", Ge2eLoss::fromParams, Params.of(Map.of("init_w", "3", "init_b", "-1")), s -> labelled(s, 8, 4, 3)),
                LossEntry.of("L027", SrlLoss::fromParams, Params.of(Map.of("w_env", "2", "w_hom", "1", "detach", "false")), RegressionExamples::srl)
        );
    }

    /** Seeded F64 pairs (anchors, positives) with float labels 1/0 alternating (or graded scores in [0, 5) when not binary). */
    public static LossInputs pairs(long seed, int n, int d, boolean binary) {
        Rng rng = new Rng(seed);
        Tensor a = Tensor.randn(DType.F64, rng, n, d), b = Tensor.randn(DType.F64, rng, n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = binary ? (i % 2 == 0 ? 1 : 0) : Math.floor(rng.nextDouble() * 50) / 10 + i * 1e-3;
        return LossInputs.of(Map.of(PairInputs.ANCHORS, a, PairInputs.POSITIVES, b, PairInputs.LABELS, Tensor.of(y, n)));
    }

    /** Seeded F64 (anchors, positives[, negatives]) columns. */
    public static LossInputs columns(long seed, int n, int d, boolean negatives) {
        Rng rng = new Rng(seed);
        Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        m.put(PairInputs.ANCHORS, Tensor.randn(DType.F64, rng, n, d));
        m.put(PairInputs.POSITIVES, Tensor.randn(DType.F64, rng, n, d));
        if (negatives) m.put(PairInputs.NEGATIVES, Tensor.randn(DType.F64, rng, n, d));
        return LossInputs.of(m);
    }

    /** Seeded F64 embeddings (n x d) with labels cycling over {@code classes} classes (every class has a positive pair when n ≥ 2·classes). */
    public static LossInputs labelled(long seed, int n, int d, int classes) {
        Tensor e = Tensor.randn(DType.F64, new Rng(seed), n, d);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % classes;
        return LossInputs.of(e, y);
    }
}
