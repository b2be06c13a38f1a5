package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLosses;

/** Seeded F64 example inputs for the registry rows L056 and L065. */
final class ProxyMoreExamples {
    private ProxyMoreExamples() {
    }

    /** 6 Gaussian class models over 3 classes (4-D), covariances A·Aᵀ/4 + 0.1·I, the first three enlarged. */
    static LossInputs classModels(long seed) {
        Rng r = new Rng(seed + 21);
        LossInputs base = MetricLosses.labelled(seed, 6, 4, 3);
        double[] cov = new double[6 * 16];
        for (int k = 0; k < 6; k++) {
            double[] a = Tensor.randn(DType.F64, r, 4, 4).toDoubleArray();
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
                double s = i == j ? 0.1 : 0;
                for (int q = 0; q < 4; q++) s += a[i * 4 + q] * a[j * 4 + q] / 4;
                cov[k * 16 + i * 4 + j] = s;
            }
        }
        return base.with(AmarxLoss.COVARIANCES, Tensor.of(cov, 6, 4, 4)).with(AmarxLoss.ENLARGE, Tensor.ofInts(new int[]{1, 1, 1, 0, 0, 0}, 6));
    }

    /** Image features (8 x 4, 3 classes), class-name embeddings and description embeddings (3 x 4). */
    static LossInputs prompts(long seed) {
        Rng r = new Rng(seed + 5);
        Tensor names = Tensor.randn(DType.F64, r, 3, 4);
        return MetricLosses.labelled(seed, 8, 4, 3).with(MsgCoOpLoss.CLASS_TOKENS, names)
                .with(MsgCoOpLoss.DESCRIPTIONS, names.add(Tensor.randn(DType.F64, r, 3, 4).mul(0.5)).detach());
    }
}
