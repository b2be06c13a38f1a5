package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.ScalarBackend;
import io.contrast4j.gpu.OpenClBackend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 2-layer MLP (64 -> 32 tanh -> 10, softmax cross-entropy, plain SGD) trained on the sklearn digits for a few
 * epochs: the per-step loss curve on OpenCL matches the scalar CPU run from the same seed and initialisation.
 */
class DigitsMlpOpenClTest {
    private static final long SEED = 42;
    private static final int EPOCHS = 3, BATCH = 128, HIDDEN = 32, CLASSES = 10;
    private static final double LR = 0.5;

    private record Digits(float[] x, int[] y, int n) {
    }

    /** The digits data set shipped in the trainer's jar (features scaled to [0, 1] by /16), flattened. */
    private static Digits load() {
        var d = io.contrast4j.trainer.data.Digits.load();
        int n = d.size();
        float[] x = new float[n * 64];
        for (int i = 0; i < n; i++) System.arraycopy(d.features()[i], 0, x, i * 64, 64);
        return new Digits(x, d.labels().clone(), n);
    }

    /** Trains on {@code backend}; returns the loss of every step. */
    private static List<Double> train(Backend backend, Digits d) {
        Rng rng = new Rng(SEED);
        Tensor w1 = Tensor.randn(DType.F32, rng, 64, HIDDEN).mul(1 / Math.sqrt(64)).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(DType.F32, HIDDEN).requiresGrad(true);
        Tensor w2 = Tensor.randn(DType.F32, rng, HIDDEN, CLASSES).mul(1 / Math.sqrt(HIDDEN)).detach().requiresGrad(true);
        Tensor b2 = Tensor.zeros(DType.F32, CLASSES).requiresGrad(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        Tensor x = Tensor.of(d.x(), d.n(), 64);
        Tensor y = Tensor.ofInts(d.y(), d.n(), 1);
        List<Double> losses = new ArrayList<>();
        int[] order = new int[d.n()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Rng shuffle = new Rng(SEED + 1);
        try (var s = Backends.use(backend)) {
            for (Tensor p : params) p.assign(backend.upload(p.host())); // parameters live on the backend
            Tensor xd = Tensor.wrap(backend.upload(x.host()), d.n(), 64);
            Tensor yd = Tensor.wrap(backend.upload(y.host()), d.n(), 1);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                shuffle.shuffle(order);
                for (int start = 0; start + BATCH <= d.n(); start += BATCH) {
                    int[] idx = java.util.Arrays.copyOfRange(order, start, start + BATCH);
                    Tensor index = Tensor.ofInts(idx, BATCH);
                    Tensor xb = xd.indexSelect(0, index), yb = yd.indexSelect(0, index);
                    Tensor h = xb.matmul(w1).add(b1).tanh();
                    Tensor logits = h.matmul(w2).add(b2);
                    Tensor loss = logits.logSoftmax(1).gather(1, yb).mean().neg();
                    loss.backward();
                    try (var g = Grad.off()) {
                        for (Tensor p : params) {
                            assertFalse(backend instanceof OpenClBackend && p.grad().storage().isHost(), "gradient left the device");
                            p.assign(p.sub(p.grad().mul(LR)).storage());
                            p.zeroGrad();
                        }
                    }
                    losses.add(loss.item());
                }
            }
        }
        return losses;
    }

    @Test
    void lossCurveMatchesTheCpuRun() {
        OpenClBackend ocl = OpenClTestSupport.backend(DType.F32);
        Digits d = load();
        assertEquals(1797, d.n(), "digits rows");
        List<Double> cpu = train(ScalarBackend.INSTANCE, d);
        List<Double> gpu = train(ocl, d);
        assertEquals(cpu.size(), gpu.size());
        for (int i = 0; i < cpu.size(); i++) {
            double e = cpu.get(i), a = gpu.get(i);
            assertTrue(Math.abs(a - e) <= 2e-4 * Math.max(1, Math.abs(e)),
                    "step " + i + ": opencl loss " + a + " vs cpu " + e + " (seed=" + SEED + ")");
        }
        double first = cpu.get(0), last = cpu.get(cpu.size() - 1);
        assertTrue(last < 0.5 * first, "training did not reduce the loss: " + first + " -> " + last);
    }
}
