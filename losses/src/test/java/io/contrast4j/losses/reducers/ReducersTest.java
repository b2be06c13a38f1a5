package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ReducersTest {
    static final Tensor ANCHOR = Tensor.zeros(DType.F64, 4, 1);
    static final int[] Y = {0, 1, 0, 2};

    static Stream<Arguments> cases() {
        return Reducers.all().stream().flatMap((Entry e) -> e.checks().stream())
                .flatMap((GradCase c) -> Stream.of(Arguments.of(c.id(), c, 11L), Arguments.of(c.id(), c, 12L)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradientCheck(String id, GradCase c, long seed) {
        GradCheck.Report r = c.run(seed);
        assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
    }

    @Test
    void everyIdOnce() {
        assertEquals(java.util.List.of("R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12"),
                Reducers.all().stream().map(e -> e.info().id()).toList());
    }

    private static Map<String, LossTerms> pairs(double[] v, LossTerms.Type type, int[] a) {
        return Map.of("loss", LossTerms.pairs(Tensor.of(v, v.length), type, a, a));
    }

    private static double reduce(Reducer r, Map<String, LossTerms> d) {
        return r.reduce(d, ANCHOR, Y).item();
    }

    @Test
    void handValues() {
        double[] v = {0.2, 1.0, 3.0, 0.0};
        int[] a = {0, 0, 1, 3};
        assertEquals(4.2, reduce(new SumReducer(), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        assertEquals(1.0, reduce(new ThresholdReducer(0.5, 2), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        assertEquals(1.2 / 3, reduce(new ThresholdReducer(Double.NaN, 2), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        Map<String, LossTerms> div = Map.of("l", LossTerms.triplets(Tensor.of(v, 4), a).withDivisor(3));
        assertEquals(4.2 / 3, reduce(new DivisorReducer(), div), 1e-12);
        assertEquals(0, reduce(new DivisorReducer(), Map.of("l", LossTerms.triplets(Tensor.of(v, 4), a).withDivisor(0))));
        // class weights by anchor label: anchors 0,0,1,3 -> labels 0,0,1,2 -> w 1,1,2,3
        assertEquals((0.2 + 1.0 + 6.0 + 0) / 4, reduce(new ClassWeightedReducer(new double[]{1, 2, 3}), pairs(v, LossTerms.Type.NEG_PAIR, a)), 1e-12);
        // per anchor: anchor0 mean(0.2, 1) = 0.6, anchor1 3, anchor2 0 (none), anchor3 0 -> mean over 4 = 0.9
        assertEquals(0.9, reduce(new PerAnchorReducer(), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        Map<String, LossTerms> two = new LinkedHashMap<>();
        two.put("pos_loss", LossTerms.pairs(Tensor.of(new double[]{1, 3}, 2), LossTerms.Type.POS_PAIR, new int[]{0, 1}, new int[]{2, 3}));
        two.put("neg_loss", LossTerms.pairs(Tensor.of(new double[]{2, 4, 6}, 3), LossTerms.Type.NEG_PAIR, new int[]{0, 1, 2}, new int[]{1, 2, 3}));
        assertEquals(4 + 4, reduce(new MultipleReducers(Map.of("pos_loss", new SumReducer()), new MeanReducer()), two), 1e-12);
        assertArrayEquals(new double[]{1, 3, 2, 4, 6}, new DoNothingReducer().reduce(two, ANCHOR, Y).toDoubleArray());
        // R12: mean_fg + γ·mean_bg with γ = 0.5: 2 + 0.5·4
        assertEquals(2 + 0.5 * 4, reduce(new SeparateNormalizationReducer(0.5, 0), two), 1e-12);
        // R12 on elements: labels 0,1,0,2 with background 0: fg = {1, 3}: mean(1.0, 0.0); bg = {0, 2}: mean(0.2, 3.0)
        Map<String, LossTerms> el = Map.of("l", LossTerms.elements(Tensor.of(v, 4), new int[]{0, 1, 2, 3}));
        assertEquals(0.5 + 2 * 1.6, reduce(new SeparateNormalizationReducer(2, 0), el), 1e-12);
        // R11 normalized with weights (1, 0, 1, 2): (0.2 + 3 + 0) / 4
        SampleWeightReducer w = new SampleWeightReducer(t -> new double[]{1, 0, 1, 2}, SampleWeightReducer.Mode.NORMALIZED);
        assertEquals(3.2 / 4, reduce(w, pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        assertEquals(3.2, reduce(new SampleWeightReducer(t -> new double[]{1, 0, 1, 2}, SampleWeightReducer.Mode.SUM), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
        assertEquals(0.8, reduce(new SampleWeightReducer(t -> new double[]{1, 0, 1, 2}, SampleWeightReducer.Mode.MEAN), pairs(v, LossTerms.Type.POS_PAIR, a)), 1e-12);
    }

    @Test
    void sampleWeightsAreStopGradient() {
        Tensor l = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        SampleWeightReducer r = new SampleWeightReducer(t -> t.losses().toDoubleArray(), SampleWeightReducer.Mode.SUM);
        r.reduce(Map.of("l", LossTerms.elements(l, new int[]{0, 1})), ANCHOR, Y).backward();
        // d/dl Σ sg(l)·l = sg(l)
        assertArrayEquals(new double[]{1, 2}, l.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void emptyGivesZeroOnGraph() {
        Tensor e = Tensor.ones(DType.F64, 4, 1).requiresGrad(true);
        Tensor z = new ThresholdReducer(10, Double.NaN).reduce(pairs(new double[]{1, 2}, LossTerms.Type.POS_PAIR, new int[]{0, 1}), e, Y);
        assertEquals(0, z.item());
        Tensor z2 = new SumReducer().reduce(Map.of(), e, Y);
        z2.backward();
        assertEquals(0, e.grad().abs().sum().item());
        assertThrows(IllegalArgumentException.class, () -> new PerAnchorReducer().reduce(Map.of("t", LossTerms.triplets(Tensor.of(new double[]{1}, 1), new int[]{0})), e, Y));
    }
}
