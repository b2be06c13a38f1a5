package io.contrast4j.losses.classification;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry rows of CATALOG.md section (d), classification, robust and calibration losses, with seeded F64 examples. */
public final class ClassificationLosses {
    private ClassificationLosses() {
    }

    public static List<LossEntry> entries() {
        List<LossEntry> e = new ArrayList<>();
        e.add(LossEntry.of("L301", CrossEntropyLoss::fromParams, Params.of(Map.of("label_smoothing", "0.1", "class_weights", "1,0.5,2,1")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L302", SigmoidBceLoss::fromParams, Params.of(Map.of("pos_weight", "2")), s -> multiLabel(s, 5, 3)));
        e.add(LossEntry.of("L303", RegressionLoss::fromParams, Params.of(Map.of("kind", "huber", "delta", "0.8")), ClassificationLosses::regression));
        e.add(LossEntry.of("L304", SbertSoftmaxLoss::fromParams, Params.of(Map.of("num_labels", "3", "dim", "4", "product", "true")), ClassificationLosses::sentencePairs));
        e.add(LossEntry.of("L305", FocalLoss::fromParams, Params.of(Map.of("gamma", "1.5", "class_weights", "1,2,0.5,1")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L306", AsymmetricLoss::fromParams, Params.of(Map.of("gamma_pos", "1")), s -> multiLabel(s, 5, 3)));
        e.add(LossEntry.of("L307", PolyLoss::fromParams, Params.of(Map.of("epsilons", "1,0.5")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L308", ZLoss::fromParams, Params.of(Map.of("a", "2", "b", "0.5")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L309", CompSumLoss::fromParams, s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L310", CoverageLoss::fromParams, s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L311", StableMaxLoss::fromParams, s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L312", AnyLoss::fromParams, Params.of(Map.of("amplifier", "5")), ClassificationLosses::binaryProbs));
        e.add(LossEntry.of("L313", LdrKlLoss::fromParams, Params.of(Map.of("lambda", "0.7")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L315", SquentropyLoss::fromParams, s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L316", NormalizedLoss::fromParams, s -> logits(s, 6, 4)));
        return e;
    }

    /** Seeded logits (n x c, N(0,1)) and targets cycling over the classes. */
    public static LossInputs logits(long seed, int n, int c) {
        Tensor z = Tensor.randn(DType.F64, new Rng(seed), n, c);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = (i * 7 + (int) (seed % c)) % c;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Cls.LOGITS, z);
        m.put(Cls.TARGETS, Tensor.ofInts(y, n));
        return LossInputs.of(m);
    }

    /** Logits in (−2, 2) (sigmoid away from ASL's clip kink) and 0/1 multi-label targets. */
    static LossInputs multiLabel(long seed, int n, int c) {
        Rng r = new Rng(seed);
        Tensor z = Tensor.rand(DType.F64, r, -2, 2, n, c);
        double[] y = new double[n * c];
        for (int i = 0; i < y.length; i++) y[i] = (i * 5 + seed) % 3 == 0 ? 1 : 0;
        return LossInputs.of(Map.of(Cls.LOGITS, z, Cls.TARGETS, Tensor.of(y, n, c)));
    }

    /** Predictions and targets with |e| well away from the Huber threshold. */
    static LossInputs regression(long seed) {
        Rng r = new Rng(seed);
        int n = 4, c = 3;
        double[] t = new double[n * c], p = new double[n * c];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextGaussian();
            double mag = i % 2 == 0 ? 0.1 + 0.5 * r.nextDouble() : 1.0 + r.nextDouble();
            p[i] = t[i] + (r.nextDouble() < 0.5 ? -mag : mag);
        }
        return LossInputs.of(Map.of(RegressionLoss.PREDICTIONS, Tensor.of(p, n, c), Cls.TARGETS, Tensor.of(t, n, c)));
    }

    static LossInputs sentencePairs(long seed) {
        Rng r = new Rng(seed);
        Tensor u = Tensor.randn(DType.F64, r, 5, 4), v = Tensor.randn(DType.F64, r, 5, 4);
        int[] y = {0, 1, 2, 1, 0};
        return LossInputs.of(Map.of(SbertSoftmaxLoss.U, u, SbertSoftmaxLoss.V, v, Cls.TARGETS, Tensor.ofInts(y, 5)));
    }

    static LossInputs binaryProbs(long seed) {
        Rng r = new Rng(seed);
        int n = 8;
        double[] p = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            p[i] = 0.05 + 0.9 * r.nextDouble();
        }
        return LossInputs.of(Map.of(AnyLoss.PROBABILITIES, Tensor.of(p, n), Cls.TARGETS, Tensor.of(y, n)));
    }
}
