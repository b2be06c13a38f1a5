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
                new Entry(new PseudoNegatives(), List.of()),
                new Entry(new AdversarialPerturbation(), List.of(new GradCase("S305", Mixers::clapsProblem))),
                new Entry(new AdversarialNegativeGenerator(), List.of(new GradCase("S306.generator", Mixers::damlGeneratorProblem),
                        new GradCase("S306.synth", Mixers::damlSynthProblem))),
                new Entry(new RuleHardNegatives(), List.of()),
                new Entry(new RuleSyntheticQueries(), List.of()));
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
            case "S305", "claps" -> {
                p.checkKnown(Set.of("eps", "eta", "kappa", "halvings"));
                yield new AdversarialPerturbation(p.getDouble("eps", 1), p.getDouble("eta", 5), p.getDouble("kappa", 0.1), p.getInt("halvings", 8));
            }
            case "S306", "daml" -> {
                p.checkKnown(Set.of("dim", "hidden", "margin", "w_adv", "w_hard", "w_reg", "metric_alone_epochs", "g_alone_epochs", "seed"));
                int dim = p.getInt("dim", 1);
                yield new AdversarialNegativeGenerator(dim, p.getInt("hidden", 2 * Math.max(1, dim)), p.getDouble("margin", 0.05), p.getDouble("w_adv", 1),
                        p.getDouble("w_hard", 1), p.getDouble("w_reg", 1), p.getInt("metric_alone_epochs", 0), p.getInt("g_alone_epochs", 0),
                        DType.F32, new Rng(p.getInt("seed", 0)));
            }
            case "S308", "rule_negatives" -> {
                p.checkKnown(Set.of());
                yield new RuleHardNegatives();
            }
            case "S309", "rule_queries" -> {
                p.checkKnown(Set.of("max_words", "span_words", "k"));
                yield new RuleSyntheticQueries(p.getInt("max_words", 12), p.getInt("span_words", 8), p.getInt("k", 4));
            }
            default -> throw new IllegalArgumentException("unknown mixer '" + idOrName + "' (known: S301 mochi, S302 mixup, S303 metrix, S304 smote, S305 claps, S306 daml, S307 pseudo_negatives, S308 rule_negatives, S309 rule_queries)");
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

    static GradCase.Problem clapsProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor h = Tensor.randn(DType.F64, rng, 3, 4), target = Tensor.randn(DType.F64, rng, 3, 4);
        AdversarialPerturbation.Plan plan = new AdversarialPerturbation(0.7, 5, 0.1, 8).negative(h, x -> x.mul(target).sum().tanh());
        return weighted(Map.of("h", h), new int[]{3, 4}, rng, in -> AdversarialPerturbation.apply(in.get("h"), plan).square());
    }

    static GradCase.Problem damlGeneratorProblem(long seed) {
        Rng rng = new Rng(seed);
        AdversarialNegativeGenerator g = new AdversarialNegativeGenerator(3, 4, 0.05, 1, 0.5, 0.5, 0, 0, DType.F64, rng);
        Tensor a = Tensor.randn(DType.F64, rng, 4, 3), p = Tensor.randn(DType.F64, rng, 4, 3), n = Tensor.randn(DType.F64, rng, 4, 3);
        List<Tensor> ps = g.parameters();
        return new GradCase.Problem(Map.of("a", a, "p", p, "n", n), Map.of("w1", ps.get(0), "b1", ps.get(1), "w2", ps.get(2), "b2", ps.get(3)),
                Set.of(), in -> g.generatorLoss(in.get("a"), in.get("p"), in.get("n")));
    }

    static GradCase.Problem damlSynthProblem(long seed) {
        Rng rng = new Rng(seed);
        AdversarialNegativeGenerator g = new AdversarialNegativeGenerator(3, 4, 0.5, 1, 1, 1, 0, 0, DType.F64, rng);
        Tensor a = Tensor.randn(DType.F64, rng, 5, 3), p = Tensor.randn(DType.F64, rng, 5, 3), s = Tensor.randn(DType.F64, rng, 5, 3);
        return GradCase.Problem.of(Map.of("a", a, "p", p, "synthetic", s), in -> g.synthLoss(in.get("a"), in.get("p"), in.get("synthetic")));
    }
}
