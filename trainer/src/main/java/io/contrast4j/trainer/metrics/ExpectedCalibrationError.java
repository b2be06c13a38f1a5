package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M13 · Expected calibration error (Guo et al. 2017, <i>On Calibration of Modern Neural Networks</i>):
 * ECE = Σ_b (|B_b|/N)·|acc_b − conf_b| over {@code bins} equal-width confidence bins (lo, hi] (a confidence of exactly 0
 * falls in the first bin); also MCE = max_b |acc_b − conf_b| over non-empty bins. From {@link ClassScores} the
 * confidence is the max probability and correctness is argmax = label (ties by lower index); with
 * {@code scores=logits} the rows are soft-maxed first. Defaults: bins = 15, scores = probabilities. Empty input: NaN.
 */
public final class ExpectedCalibrationError extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M13", "Expected calibration error", "evaluation", "T2",
            "Guo et al. 2017, On Calibration of Modern Neural Networks", "ECE = sum_b |B_b|/N |acc_b - conf_b| over equal-width bins");

    public ExpectedCalibrationError() {
        this(Params.empty());
    }

    public ExpectedCalibrationError(Params params) {
        super(INFO, ParamUtil.defaults("bins", "15", "scores", "probabilities"),
                List.of(Input.floats("confidence", "N", "confidence in [0,1]"), Input.ints("correct", "N", "1 if correct")),
                List.of(Confidences.class, ClassScores.class), params);
        ParamUtil.positiveInt(p, "bins");
        ParamUtil.choice(p, "scores", "probabilities", "logits");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        Confidences c = switch (input) {
            case Confidences x -> x;
            case ClassScores s -> Confidences.fromProbabilities(ParamUtil.choice(p, "scores", "probabilities", "logits").equals("logits") ? softmax(s) : s);
            case null, default -> throw Metric.unsupported(this, input);
        };
        int bins = ParamUtil.positiveInt(p, "bins");
        double[] conf = new double[bins], acc = new double[bins];
        int[] cnt = new int[bins];
        int n = c.confidence().length;
        for (int i = 0; i < n; i++) {
            double x = c.confidence()[i];
            int b = Math.max(0, Math.min(bins - 1, (int) Math.ceil(x * bins) - 1));
            conf[b] += x;
            acc[b] += c.correct()[i] ? 1 : 0;
            cnt[b]++;
        }
        double ece = 0, mce = 0;
        for (int b = 0; b < bins; b++) {
            if (cnt[b] == 0) continue;
            double gap = Math.abs(acc[b] / cnt[b] - conf[b] / cnt[b]);
            ece += (double) cnt[b] / n * gap;
            mce = Math.max(mce, gap);
        }
        return MetricValues.builder().put("ece", n == 0 ? Double.NaN : ece).put("mce", n == 0 ? Double.NaN : mce).build();
    }

    static ClassScores softmax(ClassScores s) {
        double[][] out = new double[s.scores().length][];
        for (int i = 0; i < out.length; i++) {
            double[] r = s.scores()[i];
            double m = Double.NEGATIVE_INFINITY, z = 0;
            for (double v : r) m = Math.max(m, v);
            out[i] = new double[r.length];
            for (int j = 0; j < r.length; j++) z += out[i][j] = Math.exp(r[j] - m);
            for (int j = 0; j < r.length; j++) out[i][j] /= z;
        }
        return new ClassScores(out, s.labels());
    }
}
