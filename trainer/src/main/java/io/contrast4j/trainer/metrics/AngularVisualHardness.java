package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M14 · Angular visual hardness (Chen et al. 2020, <i>Angular Visual Hardness</i>): for a feature x with label y and
 * classifier weights w_k, AVH(x) = arccos(cos(x, w_y)) / Σ_k arccos(cos(x, w_k)) (cosines clamped to [−1, 1]; a zero
 * vector has cosine 0). Reports {@code mean_avh} (and {@code max_avh}); {@link #perSample} gives the scores for data
 * selection (S405). Needs {@link FeaturesWithClassifier} with weights. No parameters.
 */
public final class AngularVisualHardness extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M14", "Angular visual hardness", "evaluation", "T2",
            "Chen et al. 2020, Angular Visual Hardness", "AVH(x) = arccos(cos(x,w_y)) / sum_k arccos(cos(x,w_k))");

    public AngularVisualHardness() {
        this(Params.empty());
    }

    public AngularVisualHardness(Params params) {
        super(INFO, ParamUtil.defaults(), List.of(Input.floats("features", "N x D", "features"), Input.ints("labels", "N", "labels"),
                Input.floats("weights", "C x D", "classifier weights")), List.of(FeaturesWithClassifier.class), params);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof FeaturesWithClassifier f)) throw Metric.unsupported(this, input);
        double[] a = perSample(f);
        double s = 0, m = Double.NaN;
        for (double v : a) {
            s += v;
            m = Double.isNaN(m) ? v : Math.max(m, v);
        }
        return MetricValues.builder().put("mean_avh", a.length == 0 ? Double.NaN : s / a.length).put("max_avh", m).build();
    }

    /** AVH of every sample. */
    public static double[] perSample(FeaturesWithClassifier f) {
        if (f.weights() == null) throw new IllegalArgumentException("AVH needs classifier weights (FeaturesWithClassifier.weights is null)");
        double[] out = new double[f.labels().length];
        for (int i = 0; i < out.length; i++) {
            double total = 0, own = 0;
            for (int k = 0; k < f.weights().length; k++) {
                double ang = Math.acos(Math.max(-1, Math.min(1, VectorMath.cosineD(f.features()[i], f.weights()[k]))));
                total += ang;
                if (k == f.labels()[i]) own = ang;
            }
            out[i] = total == 0 ? 0 : own / total;
        }
        return out;
    }
}
