package io.contrast4j.trainer.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The named numbers a metric returns, in a stable order, with one of them marked primary
 * (the one a trainer would select checkpoints by). A value may be {@code NaN} when it is undefined
 * (e.g. no valid query), following PML's {@code nan_accuracy}.
 *
 * @param primary name of the primary value (a key of {@code values})
 * @param values  name to value, insertion-ordered, unmodifiable
 */
public record MetricValues(String primary, Map<String, Double> values) {
    public MetricValues {
        Objects.requireNonNull(primary, "primary");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!values.containsKey(primary)) {
            throw new IllegalArgumentException("primary metric '" + primary + "' is not among " + values.keySet());
        }
    }

    /** The value named {@code name}; throws naming the available names when absent. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) throw new IllegalArgumentException("no metric value '" + name + "' (have: " + values.keySet() + ")");
        return v;
    }

    /** The primary value. */
    public double main() {
        return values.get(primary);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Incremental construction; the first value put becomes primary unless {@link #primary(String)} is called. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        private String primary;

        public Builder put(String name, double value) {
            if (values.containsKey(name)) throw new IllegalStateException("duplicate metric value '" + name + "'");
            values.put(name, value);
            if (primary == null) primary = name;
            return this;
        }

        public Builder putAll(String prefix, MetricValues other) {
            other.values().forEach((k, v) -> put(prefix + k, v));
            return this;
        }

        public Builder primary(String name) {
            primary = name;
            return this;
        }

        public MetricValues build() {
            if (primary == null) throw new IllegalStateException("no metric values");
            return new MetricValues(primary, values);
        }
    }
}
