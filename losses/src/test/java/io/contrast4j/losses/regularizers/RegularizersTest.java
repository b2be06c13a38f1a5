package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.proxy.CosFaceLoss;
import io.contrast4j.losses.proxy.SoftTripleLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values, invariances and the R10 attachment of L060–L064. */
class RegularizersTest {
    static final double[][] E = {{3, -4}, {1, 2}, {-2, -1}};

    @Test
    void lpAndZeroMeanByHand() {
        Tensor e = Tensor.fromArray(E);
        assertEquals((5 + Math.sqrt(5) + Math.sqrt(5)) / 3, new LpRegularizer().regularize(e).item(), 1e-12);
        assertEquals((7 + 3 + 3) / 3.0, new LpRegularizer(1, 1).regularize(e).item(), 1e-12);
        assertEquals((25 + 5 + 5) / 3.0, new LpRegularizer(2, 2).regularize(e).item(), 1e-12);
        double l3 = (Math.cbrt(27 + 64) + Math.cbrt(1 + 8) + Math.cbrt(8 + 1)) / 3;
        assertEquals(l3, new LpRegularizer(3, 1).regularize(e).item(), 1e-12);
        assertEquals((1 + 3 + 3) / 3.0, new ZeroMeanRegularizer().regularize(e).item(), 1e-12);
    }

    @Test
    void centerInvariantRegularFaceAndSparseCentersByHand() {
        Tensor w = Tensor.fromArray(E);
        double[] sq = {25, 5, 5};
        double mean = 35 / 3.0, ci = 0;
        for (double s : sq) ci += Math.pow(s - mean, 2) / 4 / 3;
        assertEquals(ci, new CenterInvariantRegularizer().regularize(w).item(), 1e-12);

        double c01 = (3 - 8) / (5 * Math.sqrt(5)), c02 = (-6 + 4) / (5 * Math.sqrt(5)), c12 = (-2 - 2) / 5.0;
        double rf = (Math.max(c01, c02) + Math.max(c01, c12) + Math.max(c02, c12)) / 3;
        assertEquals(rf, new RegularFaceRegularizer().regularize(w).item(), 1e-12);

        // 2 classes × 2 centres: pairs (0,1) and (2,3)
        double[][] centres = {{1, 0}, {1, 1}, {0, 1}, {-1, 0.5}};
        double p0 = Math.sqrt(2 + Double.MIN_NORMAL - 2 * (1 / Math.sqrt(2))), p1 = Math.sqrt(2 - 2 * (0.5 / Math.sqrt(1.25)));
        assertEquals((p0 + p1) / (2 * 2), new SparseCentersRegularizer(2, 2).regularize(Tensor.fromArray(centres)).item(), 1e-12);
    }

    /** PML/paper invariances: RegularFace and sparse-centres see only directions (row scaling); zero-mean is invariant to adding a zero-sum vector. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void invariances(long seed) {
        Rng r = new Rng(seed);
        Tensor w = Tensor.randn(DType.F64, r, 6, 4);
        double[] scales = new double[6 * 4];
        for (int i = 0; i < 6; i++) {
            double c = 0.2 + 3 * r.nextDouble();
            for (int j = 0; j < 4; j++) scales[i * 4 + j] = c;
        }
        Tensor scaled = w.mul(Tensor.of(scales, 6, 4));
        assertEquals(new RegularFaceRegularizer().regularize(w).item(), new RegularFaceRegularizer().regularize(scaled).item(), 1e-12, "seed " + seed);
        SparseCentersRegularizer sc = new SparseCentersRegularizer(3, 2);
        assertEquals(sc.regularize(w).item(), sc.regularize(scaled).item(), 1e-12, "seed " + seed);
        Tensor shift = Tensor.of(new double[]{1, -1, 2, -2}, 1, 4).mul(r.nextGaussian());
        assertEquals(new ZeroMeanRegularizer().regularize(w).item(), new ZeroMeanRegularizer().regularize(w.add(shift)).item(), 1e-12, "seed " + seed);
        // centre-invariant is zero when all rows have the same norm
        assertEquals(0, new CenterInvariantRegularizer().regularize(w.normalize(1).mul(2.5)).item(), 1e-20, "seed " + seed);
    }

    @Test
    void withRegularizerAddsTheWeightedTerm() {
        Rng r = new Rng(4);
        Tensor e = Tensor.randn(DType.F64, r, 6, 4);
        int[] y = {0, 1, 2, 0, 1, 2};
        CosFaceLoss head = new CosFaceLoss(3, 4, 0.35, 16, DType.F64, 2);
        double base = head.compute(LossInputs.of(e, y)).item();
        WithRegularizer emb = WithRegularizer.of(head, new LpRegularizer(), 0.3);
        assertEquals(base + 0.3 * new LpRegularizer().regularize(e).item(), emb.compute(LossInputs.of(e, y)).item(), 1e-12);
        WithRegularizer wr = WithRegularizer.of(head, new RegularFaceRegularizer(), 2);
        assertEquals(base + 2 * new RegularFaceRegularizer().regularize(head.weights()).item(), wr.compute(LossInputs.of(e, y)).item(), 1e-12);
        assertEquals(head.parameters(), wr.parameters());
        // the gradient of the weight regulariser reaches the head's weights
        head.weights().zeroGrad();
        wr.compute(LossInputs.of(e, y)).backward();
        assertTrue(head.weights().grad().abs().sum().item() > 0);
        // SoftTriple centres with L064
        SoftTripleLoss st = new SoftTripleLoss(3, 4, 2, 20, 0.1, 0.01, DType.F64, 1);
        WithRegularizer sparse = WithRegularizer.of(st, new SparseCentersRegularizer(3, 2), 0.2);
        assertEquals(st.compute(LossInputs.of(e, y)).item() + 0.2 * new SparseCentersRegularizer(3, 2).regularize(st.centers()).item(),
                sparse.compute(LossInputs.of(e, y)).item(), 1e-12);
    }

    @Test
    void errorsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WithRegularizer.of(new ZeroMeanLike(), new RegularFaceRegularizer(), 1))
                .getMessage().contains("no learnable parameter"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SparseCentersRegularizer(2, 2).regularize(Tensor.fromArray(E)))
                .getMessage().contains("rows"));
        assertThrows(IllegalArgumentException.class, () -> new SparseCentersRegularizer(2, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZeroMeanRegularizer().compute(LossInputs.of(Map.of("weights", Tensor.fromArray(E)))))
                .getMessage().contains("embeddings"));
    }

    /** A parameter-free loss for the error test. */
    static final class ZeroMeanLike extends io.contrast4j.losses.metric.MetricLoss {
        ZeroMeanLike() {
            super(new io.contrast4j.losses.distances.LpDistance(), new io.contrast4j.losses.reducers.MeanReducer());
        }

        @Override
        protected Map<String, io.contrast4j.losses.reducers.LossTerms> computeTerms(Tensor e, int[] l, io.contrast4j.losses.IndicesTuple m, Tensor r, int[] rl, boolean b) {
            return Map.of();
        }

        @Override
        public io.contrast4j.autograd.registry.CatalogInfo info() {
            return ZeroMeanRegularizer.INFO;
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of();
        }
    }
}
