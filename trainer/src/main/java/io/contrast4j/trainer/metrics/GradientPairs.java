package io.contrast4j.trainer.metrics;

import java.util.List;

/** Per batch, the flattened gradients of two tasks or two loss terms w.r.t. the same parameters (M18). */
public record GradientPairs(List<double[]> a, List<double[]> b) implements MetricInput {
    public GradientPairs {
        Check.noNulls("a", a);
        Check.noNulls("b", b);
        Check.sameLength("a", a.size(), "b", b.size());
        for (int i = 0; i < a.size(); i++) {
            Check.finite("a.get(" + i + ")", a.get(i));
            Check.finite("b.get(" + i + ")", b.get(i));
            Check.sameLength("a.get(" + i + ")", a.get(i).length, "b.get(" + i + ")", b.get(i).length);
        }
        a = List.copyOf(a);
        b = List.copyOf(b);
    }
}
