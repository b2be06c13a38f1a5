package io.contrast4j.tests.docs;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MultiSimilarityLoss;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.nn.optim.ParamGroups;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's API example, verbatim, so it keeps compiling and doing what it says. */
class ReadmeExampleTest {
    @Test
    void apiExampleRuns() {
        Rng rng = new Rng(42);
        MLP model = MLP.builder(64, 256, 64).rng(rng).build();
        Loss loss = new MultiSimilarityLoss();                          // L011 with the paper's defaults (alpha 2, beta 50, base 0.5)
        Optimizer opt = OptimRegistry.create("adamw", ParamGroups.defaults(model, 1e-3, 1e-4), Params.empty());

        Tensor x = Tensor.randn(DType.F32, rng, 32, 64);               // a batch of 32 feature vectors
        int[] y = new int[32];                                         // their labels
        for (int i = 0; i < 32; i++) y[i] = i % 8;
        float before = model.parameters().get(0).toFloatArray()[0];
        Tensor l = loss.compute(LossInputs.of(model.forward(x).normalize(1), y));
        l.backward();
        opt.step();
        opt.zeroGrad();

        // any function of tensors can be gradient-checked in float64:
        GradCheck.Report r = GradCheck.check("mine", in -> in.get("x").tanh().sum(),
                java.util.Map.of("x", Tensor.randn(DType.F64, rng, 3, 4)));

        assertTrue(r.passed(), r.summary());
        assertTrue(l.item() > 0);
        assertNotEquals(before, model.parameters().get(0).toFloatArray()[0], "the optimizer moved the weights");
    }
}
