package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Registry rows of section (i) (synthetic negatives and mixing) with their float64 gradient checks, and factories by
 * ID. Each check freezes the random coefficients and selections (a plan drawn from the seed) and checks the mixing
 * function's gradient with respect to its inputs through f = Σ W ⊙ mix(x), W a fixed random tensor.
 */
public final class Mixers {
    private Mixers() {
    }

    public static List<Entry> entries() {
        return List.of(
                new Entry(new HardNegativeMixer(), List.of(new GradCase("S301", Mixers::mochiProblem))),
                new Entry(new Mixup(), List.of(new GradCase("S302", Mixers::mixupProblem))),
                new Entry(new Metrix(), List.of(new GradCase("S303", Mixers::metrixProblem), new GradCase("S303.loss", Mixers::metrixLossProblem))),
                new Entry(new Smote(), List.of(new GradCase("S304", Mixers::smoteProblem))),
                new Entry(new PseudoNegatives(), List.of()));
    }

    /** A mixer by catalog ID or name with parameters (defaults as in each class's Javadoc). */
    public static Registered create(String idOrName, Params p) {
        return switch (idOrName) {
            case "S301", "mochi" -> {
                p.checkKnown(Set.of("N", "s", "s_prime"));
                yield new HardNegativeMixer(p.getInt("N", 16), p.getInt("s", 16), p.getInt("s_prime", 4));
            }
            case "S302", "mixup" -> {
                p.checkKnown(Set.of("alpha"));
                yield new Mixup(p.getDouble("alpha", 0.2));
            }
            case "S303", "metrix" -> {
                p.checkKnown(Set.of("alpha"));
                yield new Metrix(p.getDouble("alpha", 1.0));
            }
            case "S304", "smote" -> {
                p.checkKnown(Set.of("k"));
                yield new Smote(p.getInt("k", 5));
            }
            case "S307", "pseudo_negatives" -> {
                p.checkKnown(Set.of("momentum", "sigma"));
                yield new PseudoNegatives(p.getDouble("momentum", 0.9), p.getDouble("sigma", 1.0));
            }
            default -> throw new IllegalArgumentException("unknown mixer '" + idOrName + "' (known: S301 mochi, S302 mixup, S303 metrix, S304 smote, S307 pseudo_negatives)");
        };
    }

    private static GradCase.Problem weighted(Map<String, Tensor> inputs, int[] outShape, Rng rng, Function<Map<String, Tensor>, Tensor> mix) {
        Tensor w = Tensor.randn(DType.F64, rng, outShape);
        return GradCase.Problem.of(inputs, in -> mix.apply(in).mul(w).sum());
    }

    static GradCase.Problem mochiProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.randn(DType.F64, rng, 3, 4), n = Tensor.randn(DType.F64, rng, 3, 5, 4);
        HardNegativeMixer.Plan plan = new HardNegativeMixer(4, 3, 2).plan(q, n, rng);
        return weighted(Map.of("queries", q, "negatives", n), new int[]{3, 5, 4}, rng, in -> HardNegativeMixer.apply(in.get("queries"), in.get("negatives"), plan));
    }

    static GradCase.Problem mixupProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.randn(DType.F64, rng, 5, 3);
        Mixup.Plan plan = new Mixup(0.4).plan(5, rng);
        return weighted(Map.of("x", x), new int[]{5, 3}, rng, in -> Mixup.mix(in.get("x"), plan));
    }

    static GradCase.Problem metrixProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, rng, 6, 3);
        Metrix.Plan plan = new Metrix(1.0).plan(new int[]{0, 0, 1, 1, 2, 2}, rng);
        return weighted(Map.of("embeddings", e), new int[]{6, 3}, rng, in -> Metrix.mix(in.get("embeddings"), plan));
    }

    static GradCase.Problem metrixLossProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, rng, 6, 3);
        Metrix.Plan plan = new Metrix(1.0).plan(new int[]{0, 0, 1, 1, 2, 2}, rng);
        return GradCase.Problem.of(Map.of("embeddings", e), in -> Metrix.mixedLoss(in.get("embeddings"), plan,
                s -> s.neg().add(1.0).square(), s -> s.mul(4.0).softplus()));
    }

    static GradCase.Problem smoteProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor x = Tensor.randn(DType.F64, rng, 8, 3);
        int[] labels = {0, 0, 0, 1, 1, 1, 1, 2};
        Smote.Plan plan = new Smote(2).plan(x, labels, new int[]{0, 1, 2}, 3, rng);
        return weighted(Map.of("embeddings", x), new int[]{plan.base().length, 3}, rng, in -> Smote.apply(in.get("embeddings"), plan));
    }
}
