package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.classification.CrossEntropyLoss;
import io.contrast4j.losses.metric.ContrastiveLoss;
import io.contrast4j.losses.metric.MultiSimilarityLoss;
import io.contrast4j.samplers.miners.HdcMiner;
import io.contrast4j.samplers.miners.Miner;
import io.contrast4j.trainer.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PmlSchemesTest {
    private static final double TOL = 1e-10;

    /** A miner that returns a fixed tuple and records what it was given. */
    private static final class FixedMiner implements Miner {
        final IndicesTuple tuple;
        Tensor seenEmb, seenRef;

        FixedMiner(IndicesTuple tuple) {
            this.tuple = tuple;
        }

        @Override
        public IndicesTuple mine(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
            seenEmb = embeddings;
            seenRef = refEmbeddings;
            return tuple;
        }

        @Override
        public CatalogInfo info() {
            return new CatalogInfo("S199", "fixed test miner", "miner", "T1", "test", "fixed");
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of();
        }

        @Override
        public List<Input> inputs() {
            return List.of();
        }
    }

    private static Tensor points(double[][] rows) {
        return Tensor.fromArray(rows).requiresGrad(true);
    }

    // unit vectors: e0=(1,0), e1=(0,1), e2=(-1,0), e3=(0.6,0.8)
    private static final double[][] P = {{1, 0}, {0, 1}, {-1, 0}, {0.6, 0.8}};

    @Test
    void metricLossOnlyUsesTheMinedTupleOnDetachedEmbeddings() {
        Tensor e = points(P);
        int[] y = {0, 0, 1, 1};
        FixedMiner miner = new FixedMiner(IndicesTuple.pairs(new int[]{0, 2}, new int[]{1, 3}, new int[]{0, 1}, new int[]{3, 2}));
        double got = new MetricLossOnly(new ContrastiveLoss(), miner).compute(e, y).item();
        assertFalse(miner.seenEmb.requiresGrad(), "miner must see detached embeddings");
        // contrastive (pos margin 0, neg margin 1, L2, average over non-zero terms, sub-losses summed):
        // pos d(0,1)=√2, d(2,3)=√3.2; neg relu(1−d(0,3)) = 1−√0.8, relu(1−d(1,2)) = relu(1−√2) = 0
        double expected = (Math.sqrt(2) + Math.sqrt(3.2)) / 2 + (1 - Math.sqrt(0.8));
        assertEquals(expected, got, TOL);
    }

    /** Mean softmax cross-entropy of e·Wᵀ, from the formula. */
    private static double crossEntropy(double[][] e, double[][] w, int[] y) {
        double tot = 0;
        for (int i = 0; i < e.length; i++) {
            double[] z = new double[w.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < w.length; c++) {
                for (int k = 0; k < e[i].length; k++) z[c] += e[i][k] * w[c][k];
                max = Math.max(max, z[c]);
            }
            double s = 0;
            for (double v : z) s += Math.exp(v - max);
            tot += -(z[y[i]] - max - Math.log(s));
        }
        return tot / e.length;
    }

    @Test
    void trainWithClassifierIsMetricPlusWeightedCrossEntropy() {
        Tensor e = points(P);
        int[] y = {0, 0, 1, 1};
        double[][] w = {{1, -0.5}, {0.3, 0.7}};
        IndicesTuple t = IndicesTuple.pairs(new int[]{0, 2}, new int[]{1, 3}, new int[]{0, 1}, new int[]{3, 2});
        TrainWithClassifier s = new TrainWithClassifier(new ContrastiveLoss(), new FixedMiner(t),
                new ClassifierHead(Tensor.fromArray(w), new CrossEntropyLoss()), 2, 0.25);
        double metric = (Math.sqrt(2) + Math.sqrt(3.2)) / 2 + (1 - Math.sqrt(0.8));
        assertEquals(2 * metric + 0.25 * crossEntropy(P, w, y), s.compute(e, y).item(), TOL);
    }

    @Test
    void twoStreamMinesAcrossStreamsAndUsesTheReferenceEmbeddings() {
        Tensor a = points(new double[][]{P[0], P[2]}), b = points(new double[][]{P[1], P[3]});
        int[] y = {0, 1};
        FixedMiner miner = new FixedMiner(IndicesTuple.pairs(new int[]{0}, new int[]{0}, new int[]{0}, new int[]{1}));
        double got = new TwoStreamMetricLoss(new ContrastiveLoss(), miner).compute(a, y, b, y).item();
        assertFalse(miner.seenEmb.requiresGrad());
        assertTrue(miner.seenRef != null && !miner.seenRef.requiresGrad(), "miner must get stream B (detached) as reference");
        assertArrayEquals(b.toDoubleArray(), miner.seenRef.toDoubleArray());
        // pos d(a0, b0) = d(e0, e1) = √2; neg relu(1 − d(a0, b1)) = 1 − √0.8
        assertEquals(Math.sqrt(2) + 1 - Math.sqrt(0.8), got, TOL);
    }

    @Test
    void twoStreamWithoutMinerTakesAllCrossStreamTripletsIncludingTheDiagonal() {
        int[] y = {0, 1, 0};
        IndicesTuple t = new TwoStreamMetricLoss(new ContrastiveLoss(), null).mine(points(new double[][]{P[0], P[1], P[2]}), y,
                points(new double[][]{P[3], P[1], P[0]}), y);
        // anchor 0 (label 0): positives 0, 2; negative 1 → 2 triplets; anchor 1: positive 1, negatives 0, 2 → 2; anchor 2: 2
        assertEquals(6, t.size());
        assertTrue(t.triplets());
        Set<String> got = new HashSet<>();
        for (int i = 0; i < t.a1().length; i++) got.add(t.a1()[i] + "," + t.p()[i] + "," + t.n()[i]);
        assertEquals(Set.of("0,0,1", "0,2,1", "1,1,0", "1,1,2", "2,0,1", "2,2,1"), got);
    }

    @Test
    void twoStreamConcatenatesAndShiftsForALossWithoutReferenceInput() {
        List<LossInputs> seen = new ArrayList<>();
        Loss plain = new Loss() {
            @Override
            public Tensor compute(LossInputs in) {
                seen.add(in);
                return in.embeddings().sum();
            }

            @Override
            public CatalogInfo info() {
                return new CatalogInfo("L999", "test", "test", "T1", "test", "sum");
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of();
            }

            @Override
            public List<Input> inputs() {
                return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "e"), Input.ints(LossInputs.LABELS, "N", "y"));
            }
        };
        Tensor a = points(new double[][]{P[0], P[2]}), b = points(new double[][]{P[1], P[3]});
        IndicesTuple t = IndicesTuple.triplets(new int[]{0, 1}, new int[]{0, 1}, new int[]{1, 0});
        new TwoStreamMetricLoss(plain, new FixedMiner(t)).compute(a, new int[]{0, 1}, b, new int[]{0, 1});
        LossInputs in = seen.get(0);
        assertArrayEquals(new int[]{4, 2}, in.embeddings().shape());
        assertArrayEquals(new double[]{1, 0, -1, 0, 0, 1, 0.6, 0.8}, in.embeddings().toDoubleArray(), TOL);
        assertArrayEquals(new int[]{0, 1, 0, 1}, in.labels());
        assertArrayEquals(new int[]{0, 1}, in.mined().a1());
        assertArrayEquals(new int[]{2, 3}, in.mined().p());
        assertArrayEquals(new int[]{3, 2}, in.mined().n());
    }

    private static Set<Long> pairs(int[] a, int[] b) {
        Set<Long> s = new HashSet<>();
        for (int i = 0; i < a.length; i++) s.add(((long) a[i] << 32) | b[i]);
        return s;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void cascadedIsTheSumOfSliceLossesAndHdcStagesNest(long seed) {
        Tensor e = Tensor.randn(DType.F64, new Rng(seed), 8, 6).requiresGrad(true);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        double[][] w = {{0.2, -0.4, 0.1, 0.3}, {-0.5, 0.2, 0.6, 0.0}, {0.1, 0.1, -0.3, 0.4}};
        ClassifierHead head = new ClassifierHead(Tensor.fromArray(w), new CrossEntropyLoss());
        CascadedEmbeddings s = new CascadedEmbeddings(new int[]{2, 4}, List.of(new MultiSimilarityLoss(), new ContrastiveLoss()),
                List.of(new HdcMiner(), new HdcMiner()), Arrays.asList(null, head), 0.5);
        List<IndicesTuple> t = s.mine(e, y);
        IndicesTuple t0 = t.get(0), t1 = t.get(1);
        // stage 1: HDC on all pairs of the first slice; stage 2: the hardest half of stage 1's pairs
        assertEquals((int) Math.ceil(0.5 * t0.a1().length), t1.a1().length, "seed " + seed);
        assertEquals((int) Math.ceil(0.5 * t0.a2().length), t1.a2().length, "seed " + seed);
        assertTrue(pairs(t0.a1(), t0.p()).containsAll(pairs(t1.a1(), t1.p())), "positives not nested, seed " + seed);
        assertTrue(pairs(t0.a2(), t0.n()).containsAll(pairs(t1.a2(), t1.n())), "negatives not nested, seed " + seed);

        Tensor s0 = e.detach().narrow(1, 0, 2), s1 = e.detach().narrow(1, 2, 4);
        double l0 = new MultiSimilarityLoss().compute(LossInputs.of(s0, y).withMined(t0)).item();
        double l1 = new ContrastiveLoss().compute(LossInputs.of(s1, y).withMined(t1)).item();
        double[] flat = e.toDoubleArray();
        double[][] slice1 = new double[8][4];
        for (int i = 0; i < 8; i++) for (int k = 0; k < 4; k++) slice1[i][k] = flat[i * 6 + 2 + k];
        double expected = l0 + l1 + 0.5 * crossEntropy(slice1, w, y);
        assertEquals(expected, s.compute(e, y).item(), 1e-9, "seed " + seed);
    }

    @Test
    void cascadedRejectsSlicesThatDoNotCoverTheEmbedding() {
        CascadedEmbeddings s = new CascadedEmbeddings(new int[]{2, 3}, List.of(new ContrastiveLoss(), new ContrastiveLoss()),
                Arrays.asList(null, null), null, 1);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> s.compute(Tensor.randn(DType.F64, new Rng(1), 4, 6), new int[]{0, 1, 0, 1}));
        assertTrue(ex.getMessage().contains("N x 5"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CascadedEmbeddings(new int[]{2}, List.of(), List.of(), null, 1));
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (GradCase g : PmlSchemes.ENTRY.checks()) for (long seed : new long[]{1, 2, 3}) out.add(Arguments.of(g.id(), g, seed));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradCasesPass(String id, GradCase g, long seed) {
        GradCheck.Report r = g.run(seed);
        assertTrue(r.passed(), id + " seed " + seed + ": " + r.summary());
    }

    @Test
    void registeredInTheCatalogWithOneCasePerScheme() {
        assertEquals("O08", PmlSchemes.ENTRY.info().id());
        assertEquals(4, PmlSchemes.ENTRY.checks().size());
        assertTrue(Catalog.components().stream().anyMatch(e -> e.info().id().equals("O08")));
    }
}
