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
        e.add(LossEntry.of("L314", DiceLoss::fromParams, Params.of(Map.of("alpha", "1", "gamma", "0.5")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L317", NumberTokenLoss::fromParams, Params.of(Map.of("lambda", "0.5", "values", "1,2,4,5")), s -> logits(s, 6, 4)));
        e.add(LossEntry.of("L318", SinglePositiveLoss::fromParams, Params.of(Map.of("alpha", "0.3")), ClassificationLosses::singlePositive));
        e.add(LossEntry.of("L319", TaylorPuLoss::fromParams, Params.of(Map.of("order", "3")), s -> binaryLogits(s, "labels")));
        e.add(LossEntry.of("L320", RejectorLoss::fromParams, s -> rename(binaryLogits(s, RejectorLoss.CORRECT), Cls.LOGITS, RejectorLoss.SCORES)));
        e.add(LossEntry.of("L321", LegendreTronLoss::fromParams, Params.of(Map.of("classes", "4", "hidden", "5", "seed", "1")), s -> {
            LossInputs in = logits(s, 6, 4);
            return in.with(Cls.LOGITS, in.get(Cls.LOGITS).slice(1, 0, 3).detach());
        }));
        e.add(LossEntry.of("L322", DecoupledMixupLoss::fromParams, Params.of(Map.of("eta", "0.5")), ClassificationLosses::mixed));
        e.add(LossEntry.of("L323", RankMixupLoss::fromParams, Params.of(Map.of("alpha", "0.5", "margin", "3")),
                s -> logits(s, 6, 4).with(RankMixupLoss.MIXED_LOGITS, Tensor.randn(DType.F64, new Rng(s + 3), 6, 4))));
        e.add(LossEntry.of("L324", CorrectnessCalibrationLoss::fromParams, ClassificationLosses::calibration));
        e.add(LossEntry.of("L325", CosineAdapterLoss::fromParams, ClassificationLosses::cosineAdapter));
        e.add(LossEntry.of("L326", FerKdLoss::fromParams, ClassificationLosses::ferKd));
        e.add(LossEntry.of("L327", HyperbolicOneClassLoss::fromParams, Params.of(Map.of("dim", "3", "radius", "2", "pc_weight", "0.5", "seed", "3")), ClassificationLosses::hyperbolic));
        e.add(LossEntry.of("L328", EasyLlpLoss::fromParams, ClassificationLosses::bags));
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

    /** Binary logits (N = 8, N(0,1)·1.5) and 0/1 labels (both present) under {@code labelName}. */
    static LossInputs binaryLogits(long seed, String labelName) {
        Rng r = new Rng(seed);
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) y[i] = (i * 3 + seed) % 4 == 0 ? 1 : (i % 2);
        return LossInputs.of(Map.of(Cls.LOGITS, Tensor.randn(DType.F64, r, 8).mul(1.5).detach(), labelName, Tensor.of(y, 8)));
    }

    static LossInputs rename(LossInputs in, String from, String to) {
        Map<String, Tensor> m = new LinkedHashMap<>(in.asMap());
        m.put(to, m.remove(from));
        return LossInputs.of(m);
    }

    /** Multi-label logits 5 x 3 with one observed positive per row and a few frozen pseudo-labels. */
    static LossInputs singlePositive(long seed) {
        Rng r = new Rng(seed);
        double[] y = new double[15], ps = new double[15];
        java.util.Arrays.fill(ps, -1);
        for (int i = 0; i < 5; i++) y[i * 3 + (int) ((i + seed) % 3)] = 1;
        for (int i = 0; i < 15; i++) if (y[i] == 0 && i % 4 == 0) ps[i] = i % 8 == 0 ? 1 : 0;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Cls.LOGITS, Tensor.randn(DType.F64, r, 5, 3));
        m.put(SinglePositiveLoss.LABELS, Tensor.of(y, 5, 3));
        m.put(SinglePositiveLoss.PSEUDO, Tensor.of(ps, 5, 3));
        return LossInputs.of(m);
    }

    /** Mixed-sample logits with classes a, b (one row with a = b) and weights λ in (0.2, 0.8). */
    static LossInputs mixed(long seed) {
        LossInputs in = logits(seed, 6, 4);
        int[] ya = in.get(Cls.TARGETS).toIntArray();
        int[] yb = new int[6];
        for (int i = 0; i < 6; i++) yb[i] = i == 0 ? ya[i] : (ya[i] + 1 + i % 3) % 4;
        return in.with(DecoupledMixupLoss.TARGETS_B, Tensor.ofInts(yb, 6)).with(DecoupledMixupLoss.LAMBDAS, Tensor.rand(DType.F64, new Rng(seed + 1), 0.2, 0.8, 6));
    }

    static LossInputs calibration(long seed) {
        return logits(seed, 6, 4).with(CorrectnessCalibrationLoss.TEMPERATURE_LOGITS, Tensor.randn(DType.F64, new Rng(seed + 5), 6));
    }

    static LossInputs cosineAdapter(long seed) {
        Rng r = new Rng(seed);
        double[] y = {1, 0, 0.5, 1, 0, 0, 1, 0.2};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(CosineAdapterLoss.COSINES, Tensor.rand(DType.F64, r, -0.9, 0.9, 8));
        m.put(CosineAdapterLoss.SCALE_LOGITS, Tensor.randn(DType.F64, r, 8));
        m.put(CosineAdapterLoss.BIASES, Tensor.randn(DType.F64, r, 8));
        m.put(CosineAdapterLoss.LABELS, Tensor.of(y, 8));
        return LossInputs.of(m);
    }

    /** Teacher probabilities chosen so the crops fall in each regime, away from the thresholds. */
    static LossInputs ferKd(long seed) {
        double[][] conf = {{0.6, 0.2, 0.1, 0.1}, {0.1, 0.15, 0.7, 0.05}, {0.25, 0.25, 0.25, 0.25}, {0.97, 0.01, 0.01, 0.01}, {0.02, 0.5, 0.38, 0.1}, {0.1, 0.1, 0.1, 0.7}};
        int[] y = {0, 2, 1, 0, 0, (int) (seed % 2) == 0 ? 3 : 1};
        LossInputs in = logits(seed, 6, 4);
        return in.with(Cls.TARGETS, Tensor.ofInts(y, 6)).with(FerKdLoss.TEACHER_PROBS, Tensor.fromArray(conf));
    }

    /** Binary logits of 8 samples in 3 bags (sizes 3, 3, 2) with proportions. */
    static LossInputs bags(long seed) {
        Rng r = new Rng(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Cls.LOGITS, Tensor.randn(DType.F64, r, 8));
        m.put(EasyLlpLoss.BAGS, Tensor.ofInts(new int[]{0, 1, 2, 0, 1, 2, 0, 1}, 8));
        m.put(EasyLlpLoss.PROPORTIONS, Tensor.of(new double[]{0.33, 0.67, 0.5}, 3));
        return LossInputs.of(m);
    }

    /** Features with norms in (0.5, 1.5) or (2.5, 3.5) (away from the clip radius 2) and 0/1 labels. */
    static LossInputs hyperbolic(long seed) {
        Rng r = new Rng(seed);
        int n = 6;
        double[] x = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double[] v = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            double target = (i % 2 == 0 ? 0.5 : 2.5) + r.nextDouble();
            for (int k = 0; k < 3; k++) x[i * 3 + k] = v[k] / norm * target;
        }
        return LossInputs.of(Map.of(HyperbolicOneClassLoss.FEATURES, Tensor.of(x, n, 3), HyperbolicOneClassLoss.LABELS, Tensor.ofInts(new int[]{1, 1, 0, 1, 0, 0}, n)));
    }
}
