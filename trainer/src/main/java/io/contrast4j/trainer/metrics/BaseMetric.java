package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;
import java.util.Map;

/** Shared plumbing of the metric classes: catalog info, defaults (resolved against the given parameters), inputs. */
abstract class BaseMetric implements Metric {
    private final CatalogInfo info;
    private final Map<String, String> defaults;
    private final List<Input> inputs;
    private final List<Class<? extends MetricInput>> accepts;
    /** The resolved parameters (defaults overridden by the given ones). */
    protected final Params p;

    BaseMetric(CatalogInfo info, Map<String, String> defaults, List<Input> inputs, List<Class<? extends MetricInput>> accepts, Params given) {
        this.info = info;
        this.defaults = defaults;
        this.inputs = List.copyOf(inputs);
        this.accepts = List.copyOf(accepts);
        this.p = ParamUtil.resolve(given, defaults);
    }

    @Override
    public final CatalogInfo info() {
        return info;
    }

    @Override
    public final Map<String, String> defaults() {
        return defaults;
    }

    @Override
    public final List<Input> inputs() {
        return inputs;
    }

    @Override
    public final List<Class<? extends MetricInput>> accepts() {
        return accepts;
    }

    @Override
    public String toString() {
        return info.id() + " " + info.name() + " " + p;
    }
}
