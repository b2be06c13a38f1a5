package io.contrast4j.autograd.check;

import io.contrast4j.autograd.Tensor;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A registered gradient-check case: from a seed, it builds F64 inputs (kept off kinks and ties), the captured
 * parameters and the function to check. The suites and {@code c4j gradcheck} walk lists of these.
 */
public record GradCase(String id, LongFunction<Problem> setup) {

    /** One concrete problem: inputs by name, captured parameters, frozen (non-perturbed) input names, and f. */
    public record Problem(Map<String, Tensor> inputs, Map<String, Tensor> parameters, Set<String> frozen,
                          Function<Map<String, Tensor>, Tensor> f) {
        public static Problem of(Map<String, Tensor> inputs, Function<Map<String, Tensor>, Tensor> f) {
            return new Problem(inputs, Map.of(), Set.of(), f);
        }
    }

    public GradCheck.Report run(long seed) {
        Problem p = setup.apply(seed);
        return GradCheck.check(id, p.f(), p.inputs(), p.parameters(), p.frozen());
    }
}
