package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.metric.ContrastiveLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registry of CATALOG.md section (e) reducers R01–R12, each with a float64 gradient check over seeded random terms
 * (values in [0.1, 2), away from the thresholds the reducers use).
 */
public final class Reducers {
    private Reducers() {
    }

    static final int N = 6;
    static final int[] LABELS = {0, 1, 2, 0, 1, 2};
    static final int[] ANCHORS = {0, 0, 1, 2, 3, 3, 5};
    static final int[] OTHERS = {3, 4, 4, 5, 0, 1, 1};

    /** A fresh reducer by catalog ID or name (mean, sum, avg-nonzero, divisor, per-anchor, sum-weights). */
    public static Reducer byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "r01", "mean" -> new MeanReducer();
            case "r02", "sum" -> new SumReducer();
            case "r03", "avg-nonzero", "avgnonzero" -> new AvgNonZeroReducer();
            case "r05", "divisor" -> new DivisorReducer();
            case "r07", "per-anchor" -> new PerAnchorReducer();
            case "r09", "none" -> new DoNothingReducer();
            case "r12", "separate" -> new SeparateNormalizationReducer();
            default -> throw new IllegalArgumentException("unknown reducer '" + name + "' (R01, R02, R03, R05, R07, R09, R12 by name; R04, R06, R08, R11 need arguments)");
        };
    }

    public static List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        out.add(reducer(MeanReducer::new, LossTerms.Type.POS_PAIR));
        out.add(reducer(SumReducer::new, LossTerms.Type.TRIPLET));
        out.add(reducer(AvgNonZeroReducer::new, LossTerms.Type.NEG_PAIR));
        out.add(reducer(() -> new ThresholdReducer(0.5, 1.5), LossTerms.Type.POS_PAIR));
        out.add(reducer(DivisorReducer::new, LossTerms.Type.TRIPLET));
        out.add(reducer(() -> new ClassWeightedReducer(new double[]{0.5, 1, 2}), LossTerms.Type.NEG_PAIR));
        out.add(reducer(PerAnchorReducer::new, LossTerms.Type.POS_PAIR));
        out.add(reducer(() -> new MultipleReducers(Map.of("pos_loss", new SumReducer()), new MeanReducer()), LossTerms.Type.POS_PAIR));
        out.add(reducer(DoNothingReducer::new, LossTerms.Type.ELEMENT));
        out.add(combined());
        out.add(reducer(() -> new SampleWeightReducer(Reducers::anchorWeights, SampleWeightReducer.Mode.NORMALIZED), LossTerms.Type.TRIPLET));
        out.add(reducer(() -> new SeparateNormalizationReducer(0.5, 0), LossTerms.Type.ELEMENT));
        return out;
    }

    /**
     * Weights of the R11 check: 1 + anchor/2 per term. (Weights computed from the loss values would be held at x0 by
     * the contract, which the numeric side of a check cannot do; the stop-gradient itself is unit-tested.)
     */
    static double[] anchorWeights(LossTerms t) {
        double[] w = new double[t.size()];
        for (int i = 0; i < w.length; i++) w[i] = 1 + t.anchors()[i] / 2.0;
        return w;
    }

    /** Two sub-losses ("pos_loss" of {@code type}, "neg_loss" of NEG_PAIR) over random terms. */
    static Map<String, LossTerms> dict(Tensor pos, Tensor neg, LossTerms.Type type) {
        int[] el = {0, 1, 2, 3, 4, 5, 0};
        LossTerms p = switch (type) {
            case ELEMENT -> LossTerms.elements(pos, el);
            case TRIPLET -> LossTerms.triplets(pos, ANCHORS).withDivisor(5);
            default -> LossTerms.pairs(pos, type, ANCHORS, OTHERS).withDivisor(5);
        };
        LossTerms n = type == LossTerms.Type.ELEMENT ? LossTerms.elements(neg, el)
                : LossTerms.pairs(neg, LossTerms.Type.NEG_PAIR, OTHERS, ANCHORS).withDivisor(3);
        return new java.util.LinkedHashMap<>(Map.of("pos_loss", p, "neg_loss", n));
    }

    private static Entry reducer(Supplier<Reducer> make, LossTerms.Type type) {
        Reducer r = make.get();
        return new Entry(r, List.of(new GradCase(r.info().id(), seed -> {
            Rng rng = new Rng(seed);
            Tensor pos = Tensor.rand(DType.F64, rng, 0.1, 2, ANCHORS.length);
            Tensor neg = Tensor.rand(DType.F64, rng, 0.1, 2, ANCHORS.length);
            Reducer red = make.get();
            return GradCase.Problem.of(Map.of("pos", pos, "neg", neg),
                    m -> red.reduce(dict(m.get("pos"), m.get("neg"), type), Tensor.zeros(DType.F64, N, 1), LABELS));
        })));
    }

    private static Entry combined() {
        Supplier<WeightedLosses> make = () -> new WeightedLosses(List.of(new ContrastiveLoss(),
                new ContrastiveLoss(0.2, 1.5, new LpDistance(), new MeanReducer())), new double[]{0.3, 0.7});
        return new Entry(make.get(), List.of(new GradCase("R10", seed -> {
            Tensor e = Tensor.randn(DType.F64, new Rng(seed), N, 4);
            WeightedLosses l = make.get();
            return GradCase.Problem.of(Map.of(LossInputs.EMBEDDINGS, e),
                    m -> l.compute(LossInputs.of(m.get(LossInputs.EMBEDDINGS), LABELS)));
        })));
    }

    /** Registered components of this registry, for listing. */
    public static List<Registered> components() {
        return all().stream().map(Entry::component).toList();
    }
}
