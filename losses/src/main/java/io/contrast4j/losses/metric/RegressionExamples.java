package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;

/** Seeded F64 example inputs for L027 (binned-regression batch, kept off the max ties of the enveloping term). */
final class RegressionExamples {
    private RegressionExamples() {
    }

    /** 8 features over 4 of 5 label bins (bin 3 absent, taken from the surrogates), 6 reference points. */
    static LossInputs srl(long seed) {
        Rng r = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, r, 8, 4);
        int[] y = {0, 1, 2, 4, 0, 1, 2, 4};
        Tensor sur = Tensor.randn(DType.F64, r, 5, 4).normalize(1).detach();
        Tensor pts = SrlLoss.randomPoints(6, 4, seed + 17, DType.F64);
        return LossInputs.of(e, y).with(SrlLoss.SURROGATES, sur).with(SrlLoss.POINTS, pts);
    }
}
