package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.MeanReducer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContrastiveLossTest {

    @Test
    void handWorkedValue() {
        // 1-D embeddings on the unit circle after normalisation: (1,0), (0,1), (-1,0); labels 0,0,1
        Tensor e = Tensor.fromArray(new double[][]{{2, 0}, {0, 3}, {-1, 0}});
        double d01 = Math.sqrt(2), d02 = 2, d12 = Math.sqrt(2);
        // pos pairs (0,1),(1,0): [d - 0]+ = √2 each; AvgNonZero over 2 -> √2
        // neg pairs (0,2),(2,0),(1,2),(2,1): [1 - d]+ = 0 for all (d >= √2 > 1) -> zero
        double loss = new ContrastiveLoss().compute(LossInputs.of(e, new int[]{0, 0, 1})).item();
        assertEquals(d01, loss, 1e-7);
        // with neg margin 2 and a mean reducer: neg terms [2-2]+=0 twice, [2-√2]+ four... (pairs (0,2),(2,0): 0; (1,2),(2,1): 2-√2)
        double mean = new ContrastiveLoss(0, 2, new LpDistance(), new MeanReducer()).compute(LossInputs.of(e, new int[]{0, 0, 1})).item();
        assertEquals(d01 + (2 * (2 - d12) + 2 * (2 - d02)) / 4, mean, 1e-7);
    }

    @Test
    void minedPairsAreUsedAndSingleClassGivesZeroWithGraph() {
        Tensor e = Tensor.fromArray(new double[][]{{1, 0}, {0, 1}, {-1, 0}}).requiresGrad(true);
        IndicesTuple mined = IndicesTuple.pairs(new int[]{0}, new int[]{1}, new int[0], new int[0]);
        double v = new ContrastiveLoss().compute(LossInputs.of(e, new int[]{0, 0, 1}).withMined(mined)).item();
        assertEquals(Math.sqrt(2), v, 1e-7);
        Tensor z = new ContrastiveLoss().compute(LossInputs.of(e, new int[]{0, 1, 2}).withMined(
                IndicesTuple.pairs(new int[0], new int[0], new int[0], new int[0])));
        assertEquals(0, z.item());
        z.backward();
        assertEquals(0, e.grad().abs().sum().item());
    }
}
