package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLoss;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.dot;
import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.unit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Hand values for L130 and L131; the stop-gradient of L130 leaves the prediction gradients unchanged. */
class NonContrastiveTest {

    @Test
    void byolAndSimSiamHandValues() {
        double[][] p1 = {{1, 0}, {0.5, 0.5}}, p2 = {{0, 1}, {1, 2}}, z1 = {{1, 1}, {-1, 0.2}}, z2 = {{0.3, 1}, {2, -1}};
        double byol = 0, ss = 0;
        for (int i = 0; i < 2; i++) {
            double c12 = dot(unit(p1[i]), unit(z2[i])), c21 = dot(unit(p2[i]), unit(z1[i]));
            byol += 4 - 2 * c12 - 2 * c21;
            ss += -0.5 * c12 - 0.5 * c21;
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(ByolSimSiamLoss.P1, Tensor.fromArray(p1).requiresGrad(true));
        m.put(ByolSimSiamLoss.P2, Tensor.fromArray(p2));
        m.put(ByolSimSiamLoss.Z1, Tensor.fromArray(z1));
        m.put(ByolSimSiamLoss.Z2, Tensor.fromArray(z2).requiresGrad(true));
        assertEquals(byol / 2, ByolSimSiamLoss.fromParams(Params.empty()).compute(LossInputs.of(m)).item(), 1e-12);
        assertEquals(ss / 2, ByolSimSiamLoss.fromParams(Params.of(Map.of("mode", "simsiam"))).compute(LossInputs.of(m)).item(), 1e-12);
        Tensor sg = ByolSimSiamLoss.fromParams(Params.empty()).compute(LossInputs.of(m));
        sg.backward();
        double[] gSg = m.get(ByolSimSiamLoss.P1).grad().toDoubleArray();
        assertNull(m.get(ByolSimSiamLoss.Z2).grad());
        m.get(ByolSimSiamLoss.P1).zeroGrad();
        ByolSimSiamLoss.fromParams(Params.of(Map.of("stop_gradient", "false"))).compute(LossInputs.of(m)).backward();
        assertArrayEquals(m.get(ByolSimSiamLoss.P1).grad().toDoubleArray(), gSg, 1e-12);
    }

    @Test
    void barlowTwinsHandValue() {
        double[][] z = {{1, 2}, {3, 1}, {2, 6}}, r = {{0, 1}, {1, 0}, {5, 2}};
        double[][] zs = std(z), rs = std(r);
        double[][] c = new double[2][2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int b = 0; b < 3; b++) c[i][j] += zs[b][i] * rs[b][j] / 3;
        double want = (1 - c[0][0]) * (1 - c[0][0]) + (1 - c[1][1]) * (1 - c[1][1]) + 5e-3 * (c[0][1] * c[0][1] + c[1][0] * c[1][0]);
        LossInputs in = LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(z), MetricLoss.REF_EMBEDDINGS, Tensor.fromArray(r)));
        assertEquals(want, BarlowTwinsLoss.fromParams(Params.empty()).compute(in).item(), 1e-9);
    }

    static double[][] std(double[][] x) {
        double[][] o = new double[x.length][2];
        for (int d = 0; d < 2; d++) {
            double m = 0, v = 0;
            for (double[] row : x) m += row[d] / x.length;
            for (double[] row : x) v += (row[d] - m) * (row[d] - m) / x.length;
            for (int b = 0; b < x.length; b++) o[b][d] = (x[b][d] - m) / Math.sqrt(v + 1e-5);
        }
        return o;
    }
}
