package io.contrast4j.samplers.weighting;

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

/**
 * Registry rows of section (j) (re-weighting and data selection) and factories by ID. Weights are computed under
 * no-grad and consumed with R11 semantics; the differentiable components (S415, S416, S417, S421) carry float64
 * gradient checks.
 */
public final class Weighters {
    private Weighters() {
    }

    public static List<Entry> entries() {
        return List.of(
                new Entry(new LossReweighter(), List.of()),
                new Entry(new DifficultyCurriculum(1), List.of()),
                new Entry(new DataDietScores(), List.of()),
                new Entry(new LossGmmDivision(), List.of()),
                new Entry(new RepeatedRandomSubsets(1, 0.1, false, 0), List.of()),
                new Entry(new ProgressiveWeighting(), List.of()),
                new Entry(HardnessScores.INSTANCE, List.of()),
                new Entry(new ScaleEfficientTraining(1, 1), List.of()),
                new Entry(new DiversifyAndConquer(), List.of()),
                new Entry(new DensityBasedPruning(), List.of()),
                new Entry(new ClusterDiversifiedSampling(), List.of()),
                new Entry(new DifficultyAwareAllocation(), List.of()),
                new Entry(new PmiWeights(), List.of()),
                new Entry(new LearnedHardness(), List.of(new GradCase("S415.model", Weighters::hardnessModelProblem),
                        new GradCase("S415.branch", Weighters::hardnessBranchProblem))),
                new Entry(new HardPatchMining(), List.of(new GradCase("S416", Weighters::hpmProblem))),
                new Entry(new GradientScaledCosine(), List.of(new GradCase("S417.gamma0", Weighters::inpProblem),
                        new GradCase("S417.coherence", Weighters::coherenceProblem))),
                new Entry(new HardReplayBuffer(), List.of()),
                new Entry(new GroupBudgetAllocator(), List.of()),
                new Entry(new LassoSourceSampling(), List.of()),
                new Entry(new MeowNegativeWeights(), List.of(new GradCase("S421.meow", Weighters::meowProblem),
                        new GradCase("S421.adameow", Weighters::adaMeowProblem))));
    }

    /** A loss-based {@link SampleWeighter} by ID or name: S401 / linupper / quadratic / extremes / loreun (parameters r, delta). */
    public static SampleWeighter weighter(String idOrName, Params p) {
        p.checkKnown(Set.of("strategy", "r", "delta"));
        String strategy = switch (idOrName) {
            case "S401" -> p.getString("strategy", "linupper");
            case "linupper", "quadratic", "extremes", "loreun" -> idOrName;
            default -> throw new IllegalArgumentException("unknown re-weighter '" + idOrName + "' (known: S401, linupper, quadratic, extremes, loreun)");
        };
        return new LossReweighter(LossReweighter.strategy(strategy), p.getDouble("r", 1), p.getDouble("delta", 1));
    }

    /** Any component of this package by ID with parameters (n and seed for S408). */
    public static Registered create(String id, Params p) {
        return switch (id) {
            case "S401" -> weighter(id, p);
            case "S402" -> {
                p.checkKnown(Set.of("m"));
                yield new DifficultyCurriculum(p.getInt("m", 1));
            }
            case "S404" -> new DataDietScores();
            case "S406" -> {
                p.checkKnown(Set.of("iterations"));
                yield new LossGmmDivision(p.getInt("iterations", 100));
            }
            case "S408" -> {
                p.checkKnown(Set.of("n", "r", "with_replacement", "seed"));
                yield new RepeatedRandomSubsets(p.getInt("n", 1), p.getDouble("r", 0.1), p.getBoolean("with_replacement", false), p.getInt("seed", 0));
            }
            case "S403" -> {
                p.checkKnown(Set.of("gamma0", "gamma1", "progress"));
                yield new ProgressiveWeighting(p.getDouble("gamma0", 1), p.getDouble("gamma1", -1), p.getDouble("progress", 0));
            }
            case "S405" -> {
                p.checkKnown(Set.of());
                yield HardnessScores.INSTANCE;
            }
            case "S407" -> {
                p.checkKnown(Set.of("n", "epochs", "prune_ratio", "num_group", "window_scale", "delta"));
                yield new ScaleEfficientTraining(p.getInt("n", 1), p.getInt("epochs", 1), p.getDouble("prune_ratio", 0.1), p.getInt("num_group", 5),
                        p.getDouble("window_scale", 0.9), p.getDouble("delta", 0.875));
            }
            case "S409" -> {
                p.checkKnown(Set.of("tau"));
                yield new DiversifyAndConquer(new int[]{0}, p.getDouble("tau", 1));
            }
            case "S410" -> {
                p.checkKnown(Set.of("tau", "neighbours"));
                yield new DensityBasedPruning(p.getDouble("tau", 0.1), p.getInt("neighbours", 1));
            }
            case "S411" -> {
                p.checkKnown(Set.of("tau", "proportional"));
                yield new ClusterDiversifiedSampling(p.getDouble("tau", 1), p.getBoolean("proportional", true));
            }
            case "S412" -> {
                p.checkKnown(Set.of("k", "cap", "mode"));
                String mode = p.getString("mode", "prop2diff").toLowerCase(java.util.Locale.ROOT);
                DifficultyAwareAllocation.Mode m = switch (mode) {
                    case "uniform" -> DifficultyAwareAllocation.Mode.UNIFORM;
                    case "prop2diff" -> DifficultyAwareAllocation.Mode.PROP2DIFF;
                    default -> throw new IllegalArgumentException("S412: parameter 'mode' must be uniform or prop2diff, got '" + mode + "'");
                };
                int k = p.getInt("k", 4);
                yield new DifficultyAwareAllocation(k, p.getInt("cap", 4 * k), m);
            }
            case "S414" -> {
                p.checkKnown(Set.of("tau"));
                yield new PmiWeights(p.getDouble("tau", 0.1));
            }
            case "S415" -> {
                p.checkKnown(Set.of("dim", "seed"));
                yield new LearnedHardness(p.getInt("dim", 1), DType.F32, new Rng(p.getInt("seed", 0)));
            }
            case "S416" -> {
                p.checkKnown(Set.of("mask_ratio", "alpha_max"));
                yield new HardPatchMining(p.getDouble("mask_ratio", 0.75), p.getDouble("alpha_max", 0.5));
            }
            case "S417" -> {
                p.checkKnown(Set.of("gamma"));
                yield new GradientScaledCosine(p.getDouble("gamma", 3));
            }
            case "S418" -> {
                p.checkKnown(Set.of("capacity", "tolerance"));
                yield new HardReplayBuffer(p.getInt("capacity", 1024), p.getInt("tolerance", 1));
            }
            case "S419" -> {
                p.checkKnown(Set.of("groups", "objective"));
                String o = p.getString("objective", "max_error").toLowerCase(java.util.Locale.ROOT);
                GroupBudgetAllocator.Objective obj = switch (o) {
                    case "max_error" -> GroupBudgetAllocator.Objective.MAX_ERROR;
                    case "gain" -> GroupBudgetAllocator.Objective.GAIN;
                    default -> throw new IllegalArgumentException("S419: parameter 'objective' must be max_error or gain, got '" + o + "'");
                };
                yield new GroupBudgetAllocator(p.getInt("groups", 1), obj);
            }
            case "S420" -> {
                p.checkKnown(Set.of("lambda", "sweeps"));
                yield new LassoSourceSampling(p.getDouble("lambda", 0.1), p.getInt("sweeps", 200));
            }
            case "S421" -> {
                p.checkKnown(Set.of("tau"));
                yield new MeowNegativeWeights(p.getDouble("tau", 0.5));
            }
            default -> throw new IllegalArgumentException("unknown re-weighting component '" + id + "' (known: S401-S412, S414-S421 except S413)");
        };
    }

    // ---------------------------------------------------------------- gradient checks (S415, S416, S417, S421)

    static GradCase.Problem hardnessModelProblem(long seed) {
        Rng rng = new Rng(seed);
        LearnedHardness h = new LearnedHardness(3, DType.F64, rng);
        Tensor x = Tensor.randn(DType.F64, rng, 5, 3), l = Tensor.rand(DType.F64, rng, 0.1, 2, 5);
        // model side: w is sg(·), so the features and φ are frozen (CATALOG.md S415 GC: two separate checks)
        return new GradCase.Problem(Map.of("features", x, "losses", l), Map.of(), Set.of("features"),
                in -> h.modelLoss(in.get("features"), in.get("losses")));
    }

    static GradCase.Problem hardnessBranchProblem(long seed) {
        Rng rng = new Rng(seed);
        LearnedHardness h = new LearnedHardness(3, DType.F64, rng);
        Tensor x = Tensor.randn(DType.F64, rng, 5, 3), l = Tensor.rand(DType.F64, rng, 0.1, 2, 5);
        List<Tensor> ps = h.parameters();
        return new GradCase.Problem(Map.of("features", x, "losses", l), Map.of("weight", ps.get(0), "bias", ps.get(1)), Set.of("losses"),
                in -> h.branchLoss(in.get("features"), in.get("losses")));
    }

    static GradCase.Problem hpmProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor pred = Tensor.randn(DType.F64, rng, 6);
        double[] l = {0.3, 1.2, 0.3, 2.0, 0.7, 1.5};
        return GradCase.Problem.of(Map.of("pred", pred), in -> HardPatchMining.predictorLoss(in.get("pred"), l));
    }

    static GradCase.Problem inpProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, rng, 2, 3, 4), d = Tensor.randn(DType.F64, rng, 2, 3, 4);
        GradientScaledCosine g = new GradientScaledCosine(0);
        return new GradCase.Problem(Map.of("encoder", e, "decoder", d), Map.of(), Set.of("encoder"), in -> g.loss(in.get("encoder"), in.get("decoder")));
    }

    static GradCase.Problem coherenceProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor f = Tensor.randn(DType.F64, rng, 5, 4), inp = Tensor.randn(DType.F64, rng, 3, 4);
        return GradCase.Problem.of(Map.of("features", f, "prototypes", inp), in -> GradientScaledCosine.coherence(in.get("features"), in.get("prototypes")));
    }

    static GradCase.Problem meowProblem(long seed) {
        Rng rng = new Rng(seed);
        Tensor a = Tensor.randn(DType.F64, rng, 5, 3), z = Tensor.randn(DType.F64, rng, 5, 3);
        Tensor w = MeowNegativeWeights.clusterWeights(new int[][]{{0, 0, 1, 1, 2}, {0, 1, 1, 1, 0}}, DType.F64);
        MeowNegativeWeights m = new MeowNegativeWeights(0.5);
        return GradCase.Problem.of(Map.of("anchors", a, "z", z), in -> m.weightedInfoNce(in.get("anchors").normalize(1), in.get("z").normalize(1), w));
    }

    static GradCase.Problem adaMeowProblem(long seed) {
        Rng rng = new Rng(seed);
        MeowNegativeWeights.WeightNet net = new MeowNegativeWeights.WeightNet(3, 4, DType.F64, rng);
        Tensor a = Tensor.randn(DType.F64, rng, 4, 3), z = Tensor.randn(DType.F64, rng, 4, 3);
        List<Tensor> ps = net.parameters();
        MeowNegativeWeights m = new MeowNegativeWeights(0.5);
        return new GradCase.Problem(Map.of("anchors", a, "z", z), Map.of("w1", ps.get(0), "b1", ps.get(1), "w2", ps.get(2), "b2", ps.get(3)), Set.of(),
                in -> {
                    Tensor an = in.get("anchors").normalize(1), zn = in.get("z").normalize(1);
                    return m.weightedInfoNce(an, zn, net.weights(an, zn));
                });
    }
}
