package io.contrast4j.losses;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A loss's registry row: how to build it from parameters (used by {@code c4j loss} and {@code c4j train}), the
 * parameters and seeded F64 example inputs of its gradient check (kept off kinks and ties), and its ID.
 *
 * @param id          catalog ID
 * @param factory     builds the loss from string parameters (unknown names are refused by the loss)
 * @param checkParams parameters for the gradient check (e.g. {@code dtype=F64}, {@code numClasses=3})
 * @param example     seeded F64 inputs for the gradient check
 */
public record LossEntry(String id, Function<Params, Loss> factory, Params checkParams, LongFunction<LossInputs> example) {

    public static LossEntry of(String id, Function<Params, Loss> factory, LongFunction<LossInputs> example) {
        return new LossEntry(id, factory, Params.of(Map.of("dtype", "F64")), example);
    }

    public static LossEntry of(String id, Function<Params, Loss> factory, Params checkParams, LongFunction<LossInputs> example) {
        return new LossEntry(id, factory, checkParams.with("dtype", "F64"), example);
    }

    /** A loss built with its defaults (and the check parameters), for listing. */
    public Loss create() {
        return factory.apply(checkParams);
    }

    public CatalogInfo info() {
        return create().info();
    }

    /** The float64 gradient check: inputs and learnable parameters perturbed, mined indices frozen. */
    public GradCase gradCase() {
        return new GradCase(id, seed -> {
            Loss loss = factory.apply(checkParams);
            LossInputs in = example.apply(seed);
            Map<String, Tensor> params = new LinkedHashMap<>();
            List<Tensor> ps = loss.parameters();
            for (int i = 0; i < ps.size(); i++) params.put("param" + i, ps.get(i));
            IndicesTuple mined = in.mined();
            return new GradCase.Problem(in.asMap(), params, Set.of(),
                    m -> loss.compute(LossInputs.of(m).withMined(mined)));
        });
    }

    public Entry toEntry() {
        return new Entry(create(), List.of(gradCase()));
    }
}
