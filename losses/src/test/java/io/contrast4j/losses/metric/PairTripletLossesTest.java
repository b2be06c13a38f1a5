package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.MeanReducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed values (from the formulas), no-valid-tuple batches and invariances of the L002–L030 losses. */
class PairTripletLossesTest {
    // unit-circle points (1,0), (0,1), (-1,0), labels 0, 0, 1: cos s01 = 0, s02 = -1, s12 = 0; normalised Euclid √2, 2, √2
    static final Tensor E = Tensor.fromArray(new double[][]{{2, 0}, {0, 3}, {-1, 0}});
    static final int[] Y = {0, 0, 1};
    static final double R2 = Math.sqrt(2);

    static double v(Loss l) {
        return l.compute(LossInputs.of(E, Y)).item();
    }

    static LossInputs pairs(double[][] a, double[][] b, double[] y) {
        return LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(a), PairInputs.POSITIVES, Tensor.fromArray(b), PairInputs.LABELS, Tensor.of(y, y.length)));
    }

    @Test
    void tripletMargin() {
        // (0,1,2): [√2 − 2 + 0.05]+ = 0; (1,0,2): [√2 − √2 + 0.05]+ = 0.05; R03 over the non-zero one
        assertEquals(0.05, v(new TripletMarginLoss()), 1e-9);
        // mean reducer, margin 1: (√2 − 2 + 1) and 1, mean
        assertEquals((R2 - 1 + 1) / 2, v(new TripletMarginLoss(1, false, false, new LpDistance(), new MeanReducer())), 1e-9);
        // smooth: softplus
        assertEquals((Math.log1p(Math.exp(R2 - 2 + 1)) + Math.log1p(Math.exp(1))) / 2, v(new TripletMarginLoss(1, false, true, new LpDistance(), new MeanReducer())), 1e-9);
        // column form, Euclidean unnormalised, m = 5: a=(0,0), p=(1,0), n=(3,0): [1 − 3 + 5]+ = 3
        LossInputs cols = LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(new double[][]{{0, 0}}), PairInputs.POSITIVES, Tensor.fromArray(new double[][]{{1, 0}}),
                PairInputs.NEGATIVES, Tensor.fromArray(new double[][]{{3, 0}})));
        assertEquals(3, new TripletMarginLoss(5, false, false, new LpDistance(2, false, 1), new MeanReducer()).compute(cols).item(), 1e-7);
    }

    static final Tensor LINE = Tensor.fromArray(new double[][]{{0, 0}, {1, 0}, {3, 0}});

    @Test
    void batchHardAndSemiHard() {
        // d01 = 1, d02 = 3, d12 = 2. hard: a0 [1 − 3 + 5] = 3, a1 [1 − 2 + 5] = 4, a2 (no positive: hp = 0) [0 − 2 + 5] = 3
        assertEquals(10.0 / 3, new BatchHardTripletLoss().compute(LossInputs.of(LINE, Y)).item(), 1e-6);
        assertEquals((Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-2))) / 3,
                new BatchHardTripletLoss(5, true, false).compute(LossInputs.of(LINE, Y)).item(), 1e-6);
        // semi-hard: (0,1): n = 2 (3 > 1) -> 3; (1,0): n = 2 (2 > 1) -> 4
        assertEquals(3.5, new BatchSemiHardTripletLoss().compute(LossInputs.of(LINE, Y)).item(), 1e-6);
    }

    @Test
    void onlineContrastive() {
        double[][] a = {{1, 0}, {1, 0}, {1, 0}, {1, 0}};
        double[][] b = {{1, 0}, {0, 1}, {1, 1}, {-1, 0}};
        // d = 0 (pos), 1 (pos), 1 − 1/√2 (neg), 2 (neg); hard negs: d < max pos = 1 -> pair 2; hard pos: d > min neg -> pair 1
        double dn = 1 - 1 / R2;
        assertEquals(1 + Math.pow(0.5 - dn, 2), new OnlineContrastiveLoss().compute(pairs(a, b, new double[]{1, 1, 0, 0})).item(), 1e-9);
    }

    @Test
    void megaBatch() {
        double[][] a = {{1, 0}, {0, 1}};
        double[][] p = {{1, 1}, {-1, 1}};
        double c = 1 / R2; // C00 = c, C01 = −c, C10 = c, C11 = c
        double l0 = (0.8 - c) + Math.max(0, -c - 0.3), l1 = (0.8 - c) + (c - 0.3);
        LossInputs in = LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(a), PairInputs.POSITIVES, Tensor.fromArray(p)));
        assertEquals((l0 + l1) / 2, new MegaBatchMarginLoss().compute(in).item(), 1e-9);
    }

    @Test
    void liftedAndGeneralizedLifted() {
        // pos pairs (0,1),(1,0), d = √2; negatives with anchor in {0,1}: (0,2) d 2, (1,2) d √2 -> J = log(e^{1−2} + e^{1−√2})
        double j = Math.log(Math.exp(-1) + Math.exp(1 - R2));
        assertEquals(0.5 * Math.pow(Math.max(0, j + R2), 2), v(new LiftedStructureLoss()), 1e-9);
        // generalized: a0: LSE_P = √2, LSE_N = 1 − 2 -> [√2 − 1]+; a1: √2 + (1 − √2) = 1; a2: P empty (0) + LSE(−1, 1 − √2)
        double a2 = Math.max(0, Math.log(Math.exp(-1) + Math.exp(1 - R2)));
        assertEquals((R2 - 1 + 1 + a2) / 3, v(new GeneralizedLiftedStructureLoss()), 1e-9);
    }

    @Test
    void angular() {
        // pair (0,1): a=(1,0), p=(0,1), x_n = (−1,0): (a+p)·x = −1, a·p = 0 -> f = −4tan²α; pair (1,0) the same
        double t2 = Math.pow(Math.tan(Math.toRadians(40)), 2);
        assertEquals(Math.log1p(Math.exp(-4 * t2)), v(new AngularLoss()), 1e-9);
    }

    @Test
    void marginLossAndItsBeta() {
        // triplets (0,1,2): [√2 − 1.2 + 0.2]+ + [1.2 − 2 + 0.2]+ = √2 − 1; (1,0,2): (√2 − 1) + [1.4 − √2]+ = √2 − 1
        // non-zero terms: 2 pos, 0 neg
        MarginLoss m = new MarginLoss(0.2, 0.5, 1.2, true, 0, DType.F64, new LpDistance());
        double expected = (2 * (R2 - 1)) / 2 + 0.5 * 1.2;
        Tensor l = m.compute(LossInputs.of(E, Y));
        assertEquals(expected, l.item(), 1e-9);
        l.backward();
        // d/dβ: the two active pos terms −1 each, over 2, plus ν
        assertEquals(-2 / 2.0 + 0.5, m.parameters().get(0).grad().item(), 1e-9);
        assertEquals(DType.F32, MarginLoss.fromParams(io.contrast4j.autograd.registry.Params.empty()).beta().dtype());
    }

    @Test
    void multiSimilarity() {
        double pos = 0.5 * Math.log1p(Math.exp(-2 * (0 - 0.5)));
        double a0 = pos + Math.log1p(Math.exp(50 * (-1 - 0.5))) / 50;
        double a1 = pos + Math.log1p(Math.exp(50 * (0 - 0.5))) / 50;
        double a2 = Math.log1p(Math.exp(-75) + Math.exp(-25)) / 50;
        assertEquals((a0 + a1 + a2) / 3, v(new MultiSimilarityLoss()), 1e-9);
    }

    @Test
    void circle() {
        double m = 0.4, g = 80;
        // a0: s_p = 0, s_n = −1 -> lp = −g(1.4)(0 − 0.6), ln = g[−1 + 0.4]+(...) = 0; a1: s_p = 0, s_n = 0 -> ln = g(0.4)(0 − 0.4)
        double lp = -g * 1.4 * (0 - 0.6);
        double a0 = Math.log1p(Math.exp(lp + 0)), a1 = Math.log1p(Math.exp(lp + g * 0.4 * (0 - 0.4)));
        assertEquals((a0 + a1) / 2, v(new CircleLoss()), 1e-6);
    }

    @Test
    void tupletAndIntraPairVariance() {
        double b = Math.toRadians(5.73);
        double cosShift = Math.cos(Math.PI / 2 - b); // s_ap = 0 -> θ = π/2
        double l0 = Math.log1p(Math.exp(64 * (-1 - cosShift))), l1 = Math.log1p(Math.exp(64 * (0 - cosShift)));
        assertEquals((l0 + l1) / 2, v(new TupletMarginLoss()), 1e-9);
        // μ+ = 0 -> pos terms [0 − 0]+² = 0; neg sims −1, −1, 0, 0: μ− = −0.5, thr = −0.505: [0 + 0.505]² for the two zeros
        assertEquals(2 * Math.pow(0.505, 2) / 4, v(new IntraPairVarianceLoss()), 1e-9);
    }

    @Test
    void histogram() {
        // R = 2 (Δ = 1, nodes −1, 0, 1). pos sims 0, 0 -> node 1; neg sims −1, −1, 0, 0 -> p− = (0.5, 0.5, 0)
        // Φ+ = (0, 1, 1): L = 0.5·0 + 0.5·1 = 0.5
        assertEquals(0.5, v(new HistogramLoss(2)), 1e-9);
    }

    @Test
    void fastAp() {
        // squared distances: d01 = 2, d02 = 4, d12 = 2; L = 2 bins of width 2, centres 0, 2, 4
        // a0: h+ = (0,1,0), h− = (0,0,1): H+ = (0,1,1), H = (0,1,2): AP = 1·1/1 = 1 -> 0
        // a1: h+ = (0,1,0) (d=2), h− = (0,1,0) (d12=2): H = (0,2,2): AP = 1·1/2 -> 0.5
        assertEquals(0.25, v(new FastApLoss(2)), 1e-9);
    }

    @Test
    void pnp() {
        double t = 0.1;
        // a0: positives j ∈ {1, 0(self)}: R_01 = σ((s02 − s01)/t) = σ(−10), R_00 = σ((−1 − 1)/t) clamped σ(−20)
        // a1: R_10 = σ((s12 − s10)/t) = σ(0) = 0.5, R_11 = σ((0 − 1)/t) = σ(−10)
        double a0 = (sig(-10) + sig(-20)) / 2, a1 = (0.5 + sig(-10)) / 2;
        assertEquals((a0 + a1) / 2, v(new PnpLoss(PnpLoss.Variant.O, t, 2, 1)), 1e-9);
        assertEquals((Math.log1p(sig(-10)) + Math.log1p(sig(-20)) + Math.log1p(0.5) + Math.log1p(sig(-10))) / 4,
                v(new PnpLoss(PnpLoss.Variant.DS, t, 2, 1)), 1e-9);
    }

    static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void rankedList() {
        // m = 0.4, α = 1.2, T_n = 1, T_p = 0: a0: pos d √2 > 0.8: vp = √2 − 0.8 (w = 1); negs d=2 not < 1.2
        // a1: pos vp = √2 − 0.8; neg d12 = √2 not < 1.2. a2: negs √2, 2 none < 1.2
        double lp = (R2 - 0.8) / (1 + 1e-5);
        assertEquals((0.5 * lp * 2) / 3, v(new RankedListLoss(0.4, 1, 0.5, Double.NaN, 0)), 1e-9);
    }

    @Test
    void thresholdConsistentMargin() {
        // pos sims 0 ≤ 0.9 -> 0.9; neg sims 0, 0 ≥ −0.5 -> 0.5 (−1 excluded)
        assertEquals(1.4, v(new ThresholdConsistentMarginLoss(1, 1, 0.9, -0.5)), 1e-9);
    }

    @Test
    void cosineRegressionCoSentAndAngle() {
        double[][] a = {{1, 0}, {1, 1}}, b = {{0, 2}, {2, 2}};
        assertEquals((0.25 + 0.04) / 2, new CosineSimilarityLoss().compute(pairs(a, b, new double[]{0.5, 0.8})).item(), 1e-9);
        // s = (0, 1); y1 < y0 -> log(1 + e^{s1 − s0})
        assertEquals(Math.log1p(Math.exp(1)), CoSentLoss.cosine(1).compute(pairs(a, b, new double[]{0.8, 0.5})).item(), 1e-9);
        // angle: (1,0)->(0,1): 1; (1,0)->(3,4): 0.2; y1 < y0 -> log(1 + e^{0.2 − 1})
        double[][] a2 = {{1, 0}, {1, 0}}, b2 = {{0, 1}, {3, 4}};
        assertEquals(Math.log1p(Math.exp(0.2 - 1)), CoSentLoss.angle(1).compute(pairs(a2, b2, new double[]{0.8, 0.5})).item(), 1e-9);
        assertEquals(0, CoSentLoss.cosine(20).compute(pairs(a, b, new double[]{0.5, 0.5})).item(), 1e-12);
    }

    // ---------------------------------------------------------------- registry-wide properties

    /** The pair/triplet family of section (a) (L001-L039) that takes embeddings + labels; proxy heads, regularizers and other sections have their own tests. */
    static boolean isEy(LossEntry e) {
        int n = Integer.parseInt(e.id().substring(1));
        var names = e.create().inputs().stream().map(Input::name).toList();
        return n < 40 && names.contains(LossInputs.EMBEDDINGS) && names.contains(LossInputs.LABELS)
                && e.create().inputs().stream().filter(i -> !i.optional()).allMatch(i -> i.name().equals(LossInputs.EMBEDDINGS) || i.name().equals(LossInputs.LABELS));
    }

    static Stream<Arguments> eyEntries() {
        return LossRegistry.all().stream().filter(PairTripletLossesTest::isEy).map(e -> Arguments.of(e.id(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eyEntries")
    void singleSampleGivesZeroOnTheGraph(String id, LossEntry e) {
        Tensor x = Tensor.fromArray(new double[][]{{0.3, -0.2, 0.5, 0.1}}).requiresGrad(true);
        Tensor l;
        try {
            l = e.create().compute(LossInputs.of(x, new int[]{0}));
        } catch (IllegalArgumentException undefined) {
            // where the math is undefined for one sample (GE2E needs two utterances per speaker) the loss must say so, naming itself
            assertTrue(undefined.getMessage().startsWith(id + ":"), undefined.getMessage());
            return;
        }
        assertEquals(0, l.item(), 0, id);
        if (l.requiresGrad()) {
            l.backward();
            assertEquals(0, x.grad().abs().sum().item(), 0, id);
        }
        assertTrue(l.requiresGrad(), id + ": the zero loss must stay on the graph");
    }

    static Stream<Arguments> eySeeds() {
        return eyEntries().flatMap(a -> Stream.of(1L, 2L).map(s -> Arguments.of(a.get()[0], a.get()[1], s)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("eySeeds")
    void permutationOfTheBatchLeavesTheLossUnchanged(String id, LossEntry e, long seed) {
        LossInputs in = MetricLosses.labelled(seed, 9, 4, 3);
        int[] perm = {4, 7, 0, 2, 8, 1, 6, 3, 5};
        int[] y = in.labels(), py = new int[9];
        for (int i = 0; i < 9; i++) py[i] = y[perm[i]];
        double a = e.create().compute(in).item();
        double b = e.create().compute(LossInputs.of(in.embeddings().indexSelect(0, perm), py)).item();
        assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), id + " seed " + seed);
    }

    /** Losses on normalised embeddings or cosine/angle similarities (not L004/L005, which use raw Euclidean distances). */
    static final Set<String> SCALE_FREE = Set.of("L001", "L002", "L003", "L006", "L007", "L008", "L009", "L011", "L012", "L013", "L014",
            "L015", "L016", "L017", "L018", "L020", "L028", "L029", "L030");

    static Stream<Arguments> scaleFree() {
        return LossRegistry.all().stream().filter(e -> SCALE_FREE.contains(e.id()))
                .flatMap(e -> Stream.of(3L, 4L).map(s -> Arguments.of(e.id(), e, s)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("scaleFree")
    void scaleOfTheEmbeddingsDoesNotMatter(String id, LossEntry e, long seed) {
        LossInputs in = e.example().apply(seed);
        double c = 0.2 + 4 * new Rng(seed).nextDouble();
        Map<String, Tensor> scaled = new java.util.LinkedHashMap<>();
        for (var x : in.asMap().entrySet()) {
            boolean emb = x.getValue().rank() == 2 && x.getValue().dtype() == DType.F64;
            scaled.put(x.getKey(), emb ? x.getValue().mul(c) : x.getValue());
        }
        double a = e.create().compute(in).item();
        double b = e.create().compute(LossInputs.of(scaled).withMined(in.mined())).item();
        assertEquals(a, b, 1e-8 * Math.max(1, Math.abs(a)), id + " seed " + seed + " scale " + c);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankedListLoss.fromParams(io.contrast4j.autograd.registry.Params.empty()));
        assertThrows(IllegalArgumentException.class, () -> PnpLoss.fromParams(io.contrast4j.autograd.registry.Params.of(Map.of("variant", "X"))));
        assertThrows(IllegalArgumentException.class, () -> TripletMarginLoss.fromParams(io.contrast4j.autograd.registry.Params.of(Map.of("bogus", "1"))));
        assertThrows(IllegalArgumentException.class, () -> new MegaBatchMarginLoss().compute(LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.zeros(DType.F64, 2, 3),
                PairInputs.POSITIVES, Tensor.zeros(DType.F64, 3, 3)))));
        assertEquals(List.of(), new TripletMarginLoss().parameters());
    }
}
