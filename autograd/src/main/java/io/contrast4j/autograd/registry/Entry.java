package io.contrast4j.autograd.registry;

import io.contrast4j.autograd.check.GradCase;

import java.util.List;

/**
 * One registry row: the component (for {@code c4j list}) and its float64 gradient-check cases (walked by the test
 * suite and {@code c4j gradcheck}). Non-differentiable components (samplers, metrics) have no cases and are covered
 * by contract tests instead.
 */
public record Entry(Registered component, List<GradCase> checks) {
    public CatalogInfo info() {
        return component.info();
    }
}
