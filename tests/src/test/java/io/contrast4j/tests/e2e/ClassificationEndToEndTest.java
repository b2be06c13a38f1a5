package io.contrast4j.tests.e2e;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.classification.Cls;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.nn.optim.ParamGroups;
import io.contrast4j.trainer.data.Digits;
import io.contrast4j.trainer.data.LabelledDataset;
import io.contrast4j.trainer.data.TrainTestSplit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Classification family end to end on real data: scikit-learn digits ({@link Digits#split(double, long)} with 20%
 * test, seed 42: 1,438 train / 359 test), an F32 {@code MLP 64-128-10} producing logits, trained with AdamW
 * (lr 1e-2, weight decay 1e-4 on weight matrices) for 300 steps of mini-batches of 128 (a seeded shuffle per epoch).
 * Test accuracy (argmax of the logits) must reach the stated floor and beat the untrained model's by at least 0.5:
 * L301 cross-entropy ≥ 0.95, L305 focal loss (γ = 2) ≥ 0.93.
 */
class ClassificationEndToEndTest {
    static final int STEPS = 300, BATCH = 128;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "L301, '', 0.95",
            "L305, gamma=2, 0.93"
    })
    void trainedClassifierIsAccurate(String id, String param, double floor) {
        TrainTestSplit split = Digits.split(0.2, 42);
        LabelledDataset train = split.train(), test = split.test();
        Loss loss = LossRegistry.find(id).factory().apply(param.isEmpty() ? Params.empty()
                : Params.of(Map.of(param.substring(0, param.indexOf('=')), param.substring(param.indexOf('=') + 1))));
        MLP model = MLP.builder(Digits.DIM, 128, Digits.NUM_CLASSES).dtype(DType.F32).rng(new Rng(42)).build();
        double untrained = accuracy(model, test);

        Optimizer opt = OptimRegistry.create("adamw", ParamGroups.defaults(model, 1e-2, 1e-4), Params.empty());
        Rng rng = new Rng(7);
        int[] order = identity(train.size());
        int pos = order.length;
        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < STEPS; step++) {
            if (pos + BATCH > order.length) {
                shuffle(order, rng);
                pos = 0;
            }
            int[] idx = java.util.Arrays.copyOfRange(order, pos, pos + BATCH);
            pos += BATCH;
            LabelledDataset b = train.select(idx);
            opt.zeroGrad();
            Tensor l = loss.compute(LossInputs.of(Map.of(Cls.LOGITS, model.forward(Tensor.fromArray(b.features())),
                    Cls.TARGETS, Tensor.ofInts(b.labels(), b.size()))));
            l.backward();
            opt.step();
            if (step == 0) first = l.item();
            last = l.item();
        }
        double trained = accuracy(model, test);
        String msg = id + " " + param + ": test accuracy untrained " + untrained + ", trained " + trained
                + " (train loss " + first + " -> " + last + ")";
        System.out.println(msg);
        assertTrue(trained >= floor, msg + " below " + floor);
        assertTrue(trained >= untrained + 0.5, msg + ": gain below 0.5");
    }

    /** Fraction of rows whose largest logit is at the true class. */
    static double accuracy(MLP model, LabelledDataset d) {
        float[] z;
        try (var g = Grad.off()) {
            z = model.forward(Tensor.fromArray(d.features())).toFloatArray();
        }
        int c = Digits.NUM_CLASSES, right = 0;
        for (int i = 0; i < d.size(); i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (z[i * c + j] > z[i * c + best]) best = j;
            if (best == d.labels()[i]) right++;
        }
        return right / (double) d.size();
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
