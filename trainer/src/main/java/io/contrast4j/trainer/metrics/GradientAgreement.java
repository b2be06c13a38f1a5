package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M18 · Gradient agreement / conflict (Hu et al. 2022, <i>Generalizing Few-Shot NAS with Gradient Matching</i>):
 * GM = mean over batches of cos(∇L_a, ∇L_b); {@code conflict_rate} = fraction of batches with cos &lt; 0. A zero
 * gradient has cosine 0 (neither agrees nor conflicts). No batches: NaN. No parameters.
 */
public final class GradientAgreement extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M18", "Gradient agreement and conflict diagnostic", "evaluation", "T2",
            "Hu et al. 2022, Generalizing Few-Shot NAS with Gradient Matching", "GM = mean_batches cos(grad L_a, grad L_b)");

    public GradientAgreement() {
        this(Params.empty());
    }

    public GradientAgreement(Params params) {
        super(INFO, ParamUtil.defaults(), List.of(Input.floats("a", "B x P", "gradients of term a"), Input.floats("b", "B x P", "gradients of term b")),
                List.of(GradientPairs.class), params);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof GradientPairs g)) throw Metric.unsupported(this, input);
        int n = g.a().size(), conflicts = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double c = cosine(g.a().get(i), g.b().get(i));
            s += c;
            if (c < 0) conflicts++;
        }
        return MetricValues.builder().put("gradient_matching", n == 0 ? Double.NaN : s / n)
                .put("conflict_rate", n == 0 ? Double.NaN : (double) conflicts / n).build();
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
