package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class FiltersTest {
    static QueryCandidates cands(double pos, double... scores) {
        int[] ids = new int[scores.length], ranks = new int[scores.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 10 + i;
            ranks[i] = i;
        }
        return new QueryCandidates(0, 99, pos, ids, scores, ranks);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void chainedFiltersRespectEveryBound(long seed) {
        Rng rng = new Rng(seed);
        double pos = 0.2 + 0.8 * rng.nextDouble();
        double[] s = new double[30];
        for (int i = 0; i < s.length; i++) s[i] = 2 * rng.nextDouble() - 1;
        java.util.Arrays.sort(s);
        QueryCandidates c = cands(pos, s);
        double rm = 0.3 * rng.nextDouble(), am = 0.3 * rng.nextDouble();
        FalseNegativeFilter[] chain = {new RelativeMarginFilter(rm), new AbsoluteMarginFilter(am), new ScoreRangeFilter(-0.5, 0.9)};
        for (FalseNegativeFilter f : chain) c = c.keepOnly(f.keep(c));
        for (double v : c.scores()) {
            assertTrue(v <= pos * (1 - rm) && v <= pos - am && v >= -0.5 && v <= 0.9, "seed " + seed);
        }
        // every candidate meeting all bounds survived
        long expected = java.util.Arrays.stream(s).filter(v -> v <= pos * (1 - rm) && v <= pos - am && v >= -0.5 && v <= 0.9).count();
        assertEquals(expected, c.size(), "seed " + seed);
    }

    @Test
    void relativeMarginHandComputed() {
        boolean[] k = new RelativeMarginFilter(0.05).keep(cands(0.8, 0.79, 0.76, 0.7600001, 0.5));
        // bound = 0.8 * 0.95 = 0.76
        assertArrayEquals(new boolean[]{false, true, false, true}, k);
    }

    @Test
    void adaptiveThresholdHandComputed() {
        // top-3 scores 0.9, 0.6, 0.3: mean 0.6, population std sqrt(0.06) = 0.2449 -> t = 0.8449
        AdaptiveThresholdFilter f = new AdaptiveThresholdFilter(3);
        assertEquals(0.6 + Math.sqrt(0.06), f.threshold(new double[]{0.9, 0.6, 0.3, 0.1}), 1e-12);
        assertArrayEquals(new boolean[]{false, true, true, true}, f.keep(cands(1, 0.9, 0.6, 0.3, 0.1)));
    }

    @Test
    void guideModelFilterUsesSecondTeacher() {
        // guide says doc 11 is as relevant as the positive (a false negative), others are not
        PairScorer guide = (q, d) -> d == 99 ? 0.9 : d == 11 ? 0.95 : 0.2;
        boolean[] k = new GuideModelFilter(guide, 0.0, Double.POSITIVE_INFINITY).keep(cands(0.5, 0.4, 0.3, 0.2));
        assertArrayEquals(new boolean[]{true, false, true}, k);
    }

    @Test
    void twoConditionHandComputed() {
        KnnIndex idx = KnnIndex.of(new float[][]{{1, 0}, {0.6f, 0.8f}, {0, 1}}, Metric.COSINE);
        DocSimilarity docs = DocSimilarity.of(idx);
        // positive = doc 0; candidate 1: s(q,n)=0.9 > s(q,p)=0.5, s(p,n)=0.6 -> keep; candidate 2: s(p,n)=0 but s(q,n)=0.4 < 0.5 -> drop
        QueryCandidates c = new QueryCandidates(0, 0, 0.5, new int[]{1, 2}, new double[]{0.9, 0.4}, new int[]{0, 1});
        assertArrayEquals(new boolean[]{true, false}, new TwoConditionFilter(docs).keep(c));
        // s(q,n) = 0.55 > 0.5 but s(p,n) = 0.6 > 0.55 -> drop
        QueryCandidates c2 = new QueryCandidates(0, 0, 0.5, new int[]{1}, new double[]{0.55}, new int[]{0});
        assertArrayEquals(new boolean[]{false}, new TwoConditionFilter(docs).keep(c2));
    }

    @Test
    void softNmsPrefersDiverseNegatives() {
        // docs 0 and 1 are near-duplicates, doc 2 orthogonal; scores 0.9, 0.85, 0.6
        KnnIndex idx = KnnIndex.of(new float[][]{{1, 0}, {0.999f, 0.04f}, {0, 1}}, Metric.COSINE);
        QueryCandidates c = new QueryCandidates(0, 5, 1.0, new int[]{0, 1, 2}, new double[]{0.9, 0.85, 0.6}, new int[]{0, 1, 2});
        int[] pick = SoftNmsSelector.gaussian(DocSimilarity.of(idx)).select(c, 2, new Rng(0));
        // after picking 0: s1 = 0.85·exp(−o²/0.5) with o ≈ 0.9992 -> ≈ 0.115 < s2 = 0.6·exp(0) = 0.6
        assertArrayEquals(new int[]{0, 2}, pick);
        assertArrayEquals(new int[]{0, 1}, NegativeSelector.TOP.select(c, 2, new Rng(0)));
    }

    @Test
    void softmaxSelectorSamplesHardOnesAtLowTemperature() {
        QueryCandidates c = cands(1, 0.9, 0.1, 0.0, -0.1);
        int hits = 0;
        for (int seed = 0; seed < 200; seed++) if (new SoftmaxSelector(0.05).select(c, 1, new Rng(seed))[0] == 0) hits++;
        assertTrue(hits > 195, "hits " + hits);
        int spread = 0;
        for (int seed = 0; seed < 200; seed++) if (new SoftmaxSelector(100).select(c, 1, new Rng(seed))[0] != 0) spread++;
        assertTrue(spread > 100, "spread " + spread);
        assertEquals(0.5, SoftmaxSelector.annealed(1.0, 0.0, 5, 10), 1e-12);
    }
}
