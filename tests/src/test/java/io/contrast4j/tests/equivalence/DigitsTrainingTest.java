package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backends;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on a real data set: a 64-32-10 tanh MLP trained with plain minibatch SGD (written inline on Tensor ops,
 * vector backend) on scikit-learn's digits (1797 8x8 images, the digits data set shipped in the trainer jar). Fixed split: every fifth
 * row is test (360 rows). Asserts test accuracy >= 0.93.
 */
class DigitsTrainingTest {
    record Data(float[][] x, int[] y) {
    }

    /** The digits data set shipped in the trainer's jar (features scaled to [0, 1] by /16). */
    static Data load() {
        var d = io.contrast4j.trainer.data.Digits.load();
        return new Data(d.features(), d.labels());
    }

    private static Tensor rows(float[][] x, int[] idx) {
        float[][] r = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) r[i] = x[idx[i]];
        return Tensor.fromArray(r);
    }

    @Test
    void mlpReachesNinetyThreePercentOnDigits() {
        Data data = load();
        assertEquals(1797, data.y().length, "digits rows");
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < data.y().length; i++) (i % 5 == 0 ? test : train).add(i);
        long seed = 7;
        Rng rng = new Rng(seed);
        try (var scope = Backends.use("vector")) {
            Tensor w1 = Tensor.randn(DType.F32, rng, 64, 32).mul(1 / Math.sqrt(64)).detach().requiresGrad(true);
            Tensor b1 = Tensor.zeros(DType.F32, 32).requiresGrad(true);
            Tensor w2 = Tensor.randn(DType.F32, rng, 32, 10).mul(1 / Math.sqrt(32)).detach().requiresGrad(true);
            Tensor b2 = Tensor.zeros(DType.F32, 10).requiresGrad(true);
            Tensor[] params = {w1, b1, w2, b2};
            int batch = 32, epochs = 40;
            double lr = 0.2;
            int[] order = train.stream().mapToInt(Integer::intValue).toArray();
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int i = order.length - 1; i > 0; i--) { // seeded shuffle
                    int j = rng.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int s = 0; s + batch <= order.length; s += batch) {
                    int[] idx = java.util.Arrays.copyOfRange(order, s, s + batch);
                    int[] labels = new int[batch];
                    for (int k = 0; k < batch; k++) labels[k] = data.y()[idx[k]];
                    Tensor x = rows(data.x(), idx);
                    Tensor logits = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
                    Tensor loss = logits.logSoftmax(1).mul(Tensor.oneHot(Tensor.ofInts(labels), 10, DType.F32)).sum().div(-batch);
                    loss.backward();
                    try (var g = Grad.off()) {
                        for (Tensor p : params) {
                            p.assign(p.detach().sub(p.grad().mul(lr)).storage());
                            p.zeroGrad();
                        }
                    }
                }
            }
            int[] ti = test.stream().mapToInt(Integer::intValue).toArray();
            Tensor pred;
            try (var g = Grad.off()) {
                pred = rows(data.x(), ti).matmul(w1).add(b1).tanh().matmul(w2).add(b2).topk(1, true);
            }
            int[] p = pred.toIntArray();
            int correct = 0;
            for (int i = 0; i < ti.length; i++) if (p[i] == data.y()[ti[i]]) correct++;
            double acc = (double) correct / ti.length;
            assertTrue(acc >= 0.93, "seed " + seed + ": test accuracy " + acc + " < 0.93 (" + correct + "/" + ti.length + ")");
            System.out.println("digits MLP 64-32-10 test accuracy " + acc);
        }
    }
}
