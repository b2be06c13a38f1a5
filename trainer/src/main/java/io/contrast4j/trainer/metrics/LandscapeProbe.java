package io.contrast4j.trainer.metrics;

import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * A loss landscape to probe (M19): parameters θ (flattened), the sizes of its filters/rows for filter
 * normalisation (sum = θ length), the loss as a function of θ, and optionally its gradient (for Hessian-vector
 * products by central differences of the gradient; without it the top eigenvalue is not reported).
 */
public record LandscapeProbe(double[] theta, int[] filterSizes, ToDoubleFunction<double[]> loss,
                             UnaryOperator<double[]> gradient) implements MetricInput {
    public LandscapeProbe {
        Check.finite("theta", theta);
        Check.notNull("filterSizes", filterSizes);
        Check.notNull("loss", loss);
        long sum = 0;
        for (int i = 0; i < filterSizes.length; i++) {
            if (filterSizes[i] <= 0) throw new IllegalArgumentException("filterSizes[" + i + "] must be > 0, got " + filterSizes[i]);
            sum += filterSizes[i];
        }
        if (sum != theta.length) throw new IllegalArgumentException("filterSizes sum to " + sum + " but theta has " + theta.length + " entries");
    }
}
