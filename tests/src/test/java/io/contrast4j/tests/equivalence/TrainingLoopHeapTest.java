package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backends;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 SGD steps of logistic regression written inline on Tensor ops (vector backend): the used heap after
 * {@code System.gc()} at step 10,000 stays within a small slack of step 1,000, so no step keeps its graph alive;
 * and the loss goes down.
 */
class TrainingLoopHeapTest {
    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    void tenThousandStepsKeepTheHeapFlat() {
        long seed = 2024;
        int d = 16, batch = 32, steps = 10_000;
        Rng rng = new Rng(seed);
        Tensor trueW = Tensor.randn(DType.F32, rng, d, 1);
        try (var scope = Backends.use("vector")) {
            Tensor w = Tensor.zeros(DType.F32, d, 1).requiresGrad(true);
            Tensor b = Tensor.zeros(DType.F32, 1).requiresGrad(true);
            double lr = 0.1, firstLoss = Double.NaN, lastLoss = Double.NaN;
            long at1000 = 0, at10000 = 0;
            for (int step = 1; step <= steps; step++) {
                Tensor x = Tensor.randn(DType.F32, rng, batch, d);
                Tensor y = x.matmul(trueW).gt(0.0);
                Tensor logits = x.matmul(w).add(b);
                // binary cross-entropy with logits: softplus(z) - y z
                Tensor loss = logits.softplus().sub(y.mul(logits)).mean();
                loss.backward();
                try (var g = Grad.off()) {
                    w.assign(w.detach().sub(w.grad().mul(lr)).storage());
                    b.assign(b.detach().sub(b.grad().mul(lr)).storage());
                }
                w.zeroGrad();
                b.zeroGrad();
                if (step <= 100) firstLoss = Double.isNaN(firstLoss) ? loss.item() : firstLoss;
                if (step > steps - 100) lastLoss = loss.item();
                if (step == 1000) at1000 = usedHeapAfterGc();
                if (step == steps) at10000 = usedHeapAfterGc();
            }
            long slack = 4L << 20;
            assertTrue(at10000 <= at1000 + slack, "seed " + seed + ": heap grew from " + at1000 + " to " + at10000 + " bytes (slack " + slack + ")");
            assertTrue(lastLoss < 0.5 * firstLoss, "seed " + seed + ": loss did not fall: first " + firstLoss + ", last " + lastLoss);
        }
    }
}
