package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** M12 OPIS, M17 SAGE, M19 loss landscape, M21 evaluation-set construction. */
class DatasetDiagnosticsTest {
    @Test
    void opisHandComputedOnTwoGridPoints() {
        // class 0 {0, 1}, class 1 {3, 3.5}; pos d: 1 (c0), 0.5 (c1); neg d: 3, 3.5, 2, 2.5
        // d=0.75: U0 = 0, U1 = 1, U = hm(1/2, 1) = 2/3; d=2.25: U0 = U1 = U = hm(1, 3/4) = 6/7
        LabelledEmbeddings e = new LabelledEmbeddings(new float[][]{{0}, {1}, {3}, {3.5f}}, new int[]{0, 0, 1, 1});
        MetricValues v = new Opis(Params.of(Map.of("distance", "l2", "d_min", "0.75", "d_max", "2.25", "steps", "2", "epsilon", "0.5"))).compute(e);
        assertEquals(((4 / 9.0) / 2 + (1 / 9.0) / 2) / 2, v.get("opis"), 1e-12);
        assertEquals(0.5, v.get("epsilon_opis"), 1e-12);
        MetricValues none = new Opis().compute(new LabelledEmbeddings(new float[][]{{1, 0}, {0, 1}}, new int[]{0, 1}));
        assertTrue(Double.isNaN(none.get("opis")));
    }

    @Test
    void sagePercentilesAgainstTrainingSet() {
        OodInput in = new OodInput(new float[][]{{0}, {1}, {2}, {3}, {4}}, new float[][]{{2.5f}, {10}},
                new double[]{1, 2, 3, 4, 5}, new double[]{2, 6}, new double[]{.1, .2, .3, .4, .5}, new double[]{.35, .05});
        MetricValues v = new SageOodScore(Params.of(Map.of("k", "1"))).compute(in);
        assertEquals(((1 + 0.8 + 0.6) / 3 + 0) / 2, v.get("mean_score"), 1e-12);
        assertEquals(0.5, v.get("fraction_below"), 0);
        assertEquals(0.5, v.get("mean_knn_score"), 1e-12);
        MetricValues prod = new SageOodScore(Params.of(Map.of("k", "1", "combine", "product"))).compute(in);
        assertEquals((1 * 0.8 * 0.6 + 0) / 2, prod.get("mean_score"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new OodInput(new float[][]{{0}, {1}}, new float[][]{{0}}, new double[]{1, 2}, null, null, null));
    }

    @Test
    void lossLandscapeOnAQuadratic() {
        double[] a = {1, 5, 2};
        LandscapeProbe lp = new LandscapeProbe(new double[]{1, 1, 1}, new int[]{2, 1}, th -> {
            double s = 0;
            for (int i = 0; i < 3; i++) s += 0.5 * a[i] * th[i] * th[i];
            return s;
        }, th -> new double[]{a[0] * th[0], a[1] * th[1], a[2] * th[2]});
        MetricValues v = new LossLandscape().compute(lp);
        assertEquals(4.0, v.get("loss"), 1e-12);
        assertEquals(5.0, v.get("top_hessian_eigenvalue"), 1e-5);
        double[][] g = LossLandscape.grid(lp, 0, 1, 5);
        assertEquals(4.0, g[2][2], 1e-12); // centre = theta
        double[] d = LossLandscape.filterNormalizedDirection(new double[]{3, 4, -2}, new int[]{2, 1}, new SplittableRandom(3));
        assertEquals(5.0, Math.hypot(d[0], d[1]), 1e-12);
        assertEquals(2.0, Math.abs(d[2]), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LandscapeProbe(new double[]{1, 2}, new int[]{1}, th -> 0, null));
    }

    @Test
    void mmtebCorpusAndTaskDownsamplingAndTemporalSplit() {
        RetrievalRuns runs = new RetrievalRuns(List.of(List.of(new int[]{1, 2, 3}), List.of(new int[]{4, 1, 5})), List.of(Map.of(9, 1, 2, 0)));
        assertArrayEquals(new int[]{1, 2, 4, 9}, EvalSetConstruction.downsampleCorpus(runs, 2));
        MetricValues c = new EvalSetConstruction(Params.of(Map.of("top_k", "2"))).compute(runs);
        assertEquals(4, c.get("corpus_size"));
        assertEquals(3, c.get("hard_negatives"));
        // tasks t0=[1,2,3,4], t1=[2,3,4,5], t2=[1,2,4,3]; dropping t0 or t1 first gives spearman 4.5/sqrt(22.5) < 0.95
        double[][] s = {{1, 2, 1}, {2, 3, 2}, {3, 4, 4}, {4, 5, 3}};
        assertArrayEquals(new int[]{1}, EvalSetConstruction.downsampleTasks(s, 0.95, 1));
        assertArrayEquals(new int[]{0, 1}, EvalSetConstruction.downsampleTasks(s, 0.95, 2));
        assertArrayEquals(new int[]{0, 1, 2}, EvalSetConstruction.downsampleTasks(s, 0.95, 3));
        // with a bar of 0.9 the most predictable task t0 (tie with t1, lower index first) goes: spearman 0.9487 >= 0.9
        assertArrayEquals(new int[]{1, 2}, EvalSetConstruction.downsampleTasks(s, 0.9, 2));
        MetricValues t = new EvalSetConstruction().compute(new TaskScores(s));
        assertEquals(1, t.get("kept_tasks"));
        assertEquals(1.0, t.get("spearman_to_full"), 1e-12);
        EvalSetConstruction.Split sp = EvalSetConstruction.temporalSplit(new long[]{5, 1, 3, 3, 9}, 0.4);
        assertArrayEquals(new int[]{1, 2, 3}, sp.train()); // items at the cutoff time (3) stay together in train
        assertArrayEquals(new int[]{0, 4}, sp.test());
        assertEquals(2, new EvalSetConstruction(Params.of(Map.of("train_fraction", "0.5"))).compute(new Timestamps(new long[]{5, 1, 3, 3, 9})).get("test_size"));
    }
}
