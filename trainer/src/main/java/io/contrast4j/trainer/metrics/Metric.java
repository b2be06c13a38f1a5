package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * An evaluation metric of CATALOG.md section (l) ({@code M01}..{@code M22}). Metrics work on plain arrays
 * (no autograd). One class per catalog entry; an entry that reports several numbers (e.g. M01 reports
 * accuracy@k, precision@k, recall@k, MRR@k, nDCG@k and MAP@k) returns them all in one {@link MetricValues}.
 *
 * <p>Instances are immutable and carry their parameters (see {@link #defaults()}); create them with
 * {@link Metrics#create(String, io.contrast4j.autograd.registry.Params)}.
 */
public interface Metric extends Registered {

    /** The input record types this metric accepts, in order of preference. */
    List<Class<? extends MetricInput>> accepts();

    /**
     * Computes the metric.
     *
     * @throws IllegalArgumentException if the input type is not in {@link #accepts()} or the input is malformed
     */
    MetricValues compute(MetricInput input);

    /** Shared helper for implementations: the error for an input kind the metric does not take. */
    static IllegalArgumentException unsupported(Metric m, MetricInput input) {
        StringBuilder sb = new StringBuilder();
        for (Class<? extends MetricInput> c : m.accepts()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(c.getSimpleName());
        }
        return new IllegalArgumentException("metric " + m.info().id() + " (" + m.info().name() + ") does not accept input "
                + (input == null ? "null" : input.getClass().getSimpleName()) + "; it accepts: " + sb);
    }
}
