package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.List;
import java.util.Map;

/** Base of the batch samplers: the {@link Spec} (info, defaults, inputs) and the data-set size. */
public abstract class AbstractBatchSampler implements BatchSampler {
    private final Spec spec;
    protected final int size;

    protected AbstractBatchSampler(Spec spec, int size) {
        this.spec = spec;
        this.size = SamplerChecks.nonEmpty(spec.info().id(), "data", size);
    }

    protected final String id() {
        return spec.info().id();
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final CatalogInfo info() {
        return spec.info();
    }

    @Override
    public final Map<String, String> defaults() {
        return spec.defaults();
    }

    @Override
    public final List<Input> inputs() {
        return spec.inputs();
    }
}
