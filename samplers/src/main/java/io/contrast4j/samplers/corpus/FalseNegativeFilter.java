package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * Removes likely false negatives from one row's ranked candidates, given the positive's score (CATALOG.md §(h)).
 * Filters are pure functions of their input (thread-safe) and compose: the miner applies a chain in order.
 */
public interface FalseNegativeFilter extends Registered {
    /** {@code keep[r]} for candidate r of {@code c}; the result has {@code c.size()} entries. */
    boolean[] keep(QueryCandidates c);

    /** Short name used in the mining statistics, e.g. {@code relative_margin}. */
    String name();

    @Override
    default List<Input> inputs() {
        return List.of(Input.floats("candidate_scores", "K", "s(q, n) of the ranked candidates"),
                Input.floats("positive_score", "scalar", "s(q, p)"));
    }

    /** Checks a parameter is finite, naming it. */
    static double finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("parameter '" + name + "' must be finite, got " + v);
        return v;
    }
}
