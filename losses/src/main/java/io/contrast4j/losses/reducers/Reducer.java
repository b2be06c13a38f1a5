package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;

/**
 * Turns a loss dict (named {@link LossTerms}) into a scalar (PML BaseReducer): each sub-loss is reduced on its own
 * and the results are summed; an already-reduced sub-loss passes through; an empty one gives a zero loss still on
 * the graph of {@code graphAnchor} (never NaN).
 */
public abstract class Reducer implements Registered {

    /** Reduces one non-empty sub-loss. {@code labels} are the batch labels (may be null). */
    protected abstract Tensor reduceTerms(LossTerms terms, int[] labels);

    public Tensor reduce(Map<String, LossTerms> dict, Tensor graphAnchor, int[] labels) {
        Tensor total = null;
        for (LossTerms t : dict.values()) {
            Tensor r;
            if (t.type() == LossTerms.Type.ALREADY_REDUCED) r = t.losses().sum();
            else if (t.size() == 0) r = LossInputs.zeroLoss(graphAnchor);
            else r = reduceTerms(t, labels);
            total = total == null ? r : total.add(r);
        }
        return total == null ? LossInputs.zeroLoss(graphAnchor) : total;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("losses", "T", "unreduced loss terms"));
    }
}
