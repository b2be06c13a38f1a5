package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Registry of catalog section (m), optimizers and training tricks, and the optimizer factory used by the trainer.
 * Optimizers have no gradient check (each has a hand-computed update test); differentiable regularisers (O01
 * penalties, O19, O20's distillation loss) have F64 {@link GradCase}s.
 */
public final class OptimRegistry {
    private OptimRegistry() {
    }

    private static final String FAMILY = "optimizers";

    private static Entry e(String id, String name, String tier, String paper, String formula, Map<String, String> defaults, List<Input> inputs, List<GradCase> checks) {
        return new Entry(new OptimComponent(new CatalogInfo(id, name, FAMILY, tier, paper, formula), defaults, inputs), checks);
    }

    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        out.add(e("O01", "Core optimizers, schedules and parameter groups", "T1",
                "PyTorch torch.optim semantics; Kingma & Ba 2015 (Adam); Loshchilov & Hutter 2019 (AdamW); You et al. 2020 (LAMB)",
                "SGD(+momentum/Nesterov), Adam, AdamW, LAMB, RMSprop, AdaGrad; warm-up + linear (default) or cosine decay; L1/L2/ElasticNet; groups; global-norm clipping",
                Map.of("optimizer", "adamw", "lr", "1e-3", "weightDecay", "0.01", "beta1", "0.9", "beta2", "0.999", "eps", "1e-8", "schedule", "warmup-linear"),
                List.of(), List.of(new GradCase("O01", s -> {
                    Tensor a = randn(s, 3, 4), b = randn(s + 1, 5);
                    WeightPenalty wp = new WeightPenalty(0.3, 0.7);
                    return GradCase.Problem.of(Map.of("a", away(a), "b", away(b)), in -> wp.penalty(List.of(in.get("a"), in.get("b"))));
                }))));
        out.add(e("O02", "Gradient-norm-refined LR schedule", "T2", "Defazio et al. 2023, When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement",
                "w_t ∝ ‖g_t‖^-2 Σ_{p>t} ‖g_p‖^-2, normalised to max 1; η_t = η w_t", Map.of("smoothing", "0"), List.of(), List.of()));
        out.add(e("O03", "Gradient caching (GradCache)", "T1", "Gao et al. 2021, Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup",
                "embed chunks without graph; cache dL/dR on the full batch; re-embed each chunk and backprop the cached gradient", Map.of("chunkSize", "32"), List.of(), List.of()));
        out.add(e("O04", "EMA / momentum teacher", "T1", "He et al. 2020 (MoCo); Grill et al. 2020 (BYOL)",
                "ξ ← m ξ + (1−m) θ", Map.of("momentum", "0.999"), List.of(), List.of()));
        out.add(e("O05", "Model soup (checkpoint averaging)", "T2", "Wortsman et al. 2022, Model soups",
                "θ = mean_k θ_k; greedy: add θ_k if the soup's score does not drop", Map.of("mode", "uniform"), List.of(), List.of()));
        out.add(e("O09", "Sharpness-aware minimisation (SAM)", "T2", "Foret et al. 2021, Sharpness-Aware Minimization",
                "ε = ρ g/‖g‖; step the base optimizer with ∇L(w + ε)", Map.of("rho", "0.05", "base", "sgd"), List.of(), List.of()));
        out.add(e("O11", "Gradient-norm sharpness regulariser (IGNITE)", "T2", "Incorporating Surrogate Gradient Norm to Improve Offline Optimization Techniques (2024)",
                "g ← g + λ·2‖g‖(∇L(θ + rĝ) − g)/r; λ ← [λ + η_λ(‖g‖² − ε)]₊", Map.of("radius", "1e-3", "epsilon", "0.1", "dualLr", "0.01", "lambda0", "0"), List.of(), List.of()));
        out.add(e("O13", "Momentum-model adaptive learning rate (MoMo)", "T2", "Schaipp et al. 2024, MoMo: Momentum Models for Adaptive Learning Rates",
                "x ← x − min(α, [f̄ + ⟨d,x⟩ − γ − f*]₊/‖d‖²) d", Map.of("lr", "1", "beta", "0.9", "lowerBound", "0"), List.of(), List.of()));
        out.add(e("O14", "Adaptive batch-size growth (AdAdaGradNorm)", "T2", "Lau et al. 2024, AdAdaGrad: Adaptive Batch Size Schemes for Adaptive Gradient Methods",
                "x ← x − α ḡ/√(b0² + Σ‖ḡ_t‖²); grow b to ⌈Var/(η²‖ḡ‖²)⌉ when Var/b > η²‖ḡ‖²", Map.of("b0", "0.01", "eta", "1"), List.of(), List.of()));
        out.add(e("O15", "Sampling-free bias initialisation and guided loss scaling", "T2", "Chen et al. 2021, Is Heuristic Sampling Necessary in Training Deep Object Detectors?",
                "b = −log((1−π)/π); L_cls ← L_cls·sg(L_reg/L_cls)", Map.of(), List.of(), List.of()));
        out.add(e("O16", "Normalised logistic-regression GD", "T2", "Tyurin 2024, From Logistic Regression to the Perceptron Algorithm",
                "w ← w − (η/L(w)) ∇L(w)", Map.of("lr", "1"), List.of(), List.of()));
        out.add(e("O17", "Orthogonal gradient (⊥Grad)", "T2", "Prieto et al. 2025, Grokking at the Edge of Numerical Stability",
                "g ← g − (θ·g/θ·θ) θ (rescaled to ‖g‖) before the base step", Map.of("base", "adamw", "rescale", "true"), List.of(), List.of()));
        out.add(e("O18", "Generalised-Gaussian initialisation and shape prior", "T2", "It Takes a Good Model to Train a Good Model: Generalized Gaussian Priors for Optimized LLMs (2025)",
                "w = α sign(u) G^(1/β), G ~ Gamma(1/β, 1), Var = α²Γ(3/β)/Γ(1/β); penalty λΣ|w/α|^β", Map.of("beta", "2", "lambda", "0"),
                List.of(Input.floats("weights", "any", "weights to penalise")), List.of(new GradCase("O18", s -> {
                    Tensor w = away(randn(s, 3, 4));
                    return GradCase.Problem.of(Map.of("w", w), in -> GeneralizedGaussian.penalty(in.get("w"), 0.7, 1.5, 0.3));
                }))));
        out.add(e("O19", "Spectral and Wasserstein regularisation (plasticity)", "T2", "Lewandowski et al. 2024, Learning Continually by Spectral Regularization",
                "Σ_l (σ_max(W_l)^k − 1)²; Σ_l ‖sort(θ_l) − sort(θ_l⁰)‖²", Map.of("k", "2"), List.of(Input.floats("weights", "M x N", "weight matrices")),
                List.of(new GradCase("O19", s -> {
                    Tensor w1 = randn(s, 3, 4), w2 = randn(s + 1, 2, 3);
                    SpectralRegularizer reg = new SpectralRegularizer(List.of(w1, w2), 2, s);
                    reg.powerIterate(List.of(w1, w2), 200);
                    return GradCase.Problem.of(Map.of("w1", w1, "w2", w2), in -> reg.penalty(List.of(in.get("w1"), in.get("w2")), 0));
                }), new GradCase("O19.wasserstein", s -> {
                    Tensor p = randn(s, 3, 4), init = randn(s + 7, 3, 4);
                    WassersteinRegularizer reg = new WassersteinRegularizer(List.of(init));
                    return GradCase.Problem.of(Map.of("p", p), in -> reg.penalty(List.of(in.get("p"))));
                }))));
        out.add(e("O20", "Data-constrained recipe: heavy weight decay, ensembles, ensemble distillation", "T2", "Kim et al. 2025, Pre-training under infinite compute",
                "p̄ = mean_k softmax(z_k/T); L = α T² CE(p̄, softmax(z_s/T)) + (1−α) CE(y, z_s)", Map.of("temperature", "1", "alpha", "0.5", "weightDecayMultiplier", "30"),
                List.of(Input.floats("studentLogits", "N x C", "student logits"), Input.ints("labels", "N", "class labels").asOptional()),
                List.of(new GradCase("O20", s -> {
                    Tensor z = randn(s, 4, 3);
                    Tensor target = EnsembleDistillation.ensembleTarget(List.of(randn(s + 1, 4, 3), randn(s + 2, 4, 3)), 2.0);
                    Tensor y = Tensor.ofInts(new int[]{0, 2, 1, 1}, 4);
                    return GradCase.Problem.of(Map.of("z", z), in -> EnsembleDistillation.loss(in.get("z"), target, y, 2.0, 0.3));
                }))));
        out.add(e("O21", "Scaling-law fitting and critical batch size", "T2", "Su et al. 2024, Unraveling the Mystery of Scaling Laws: Part I",
                "L(N,S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S; B_crit = B*/L^(1/α_B); S_min = S/(1 + B_crit/B)", Map.of(), List.of(), List.of()));
        out.add(e("O06", "Self Positioning (learned task-vector merging)", "T2", "Li et al. 2024, Improving General Text Embedding Model: Tackling Task Conflict and Data Imbalance through Model Merging",
                "θ(α) = θ₀ + Σ_k α_k (θ_k − θ₀) (α per task and parameter group); α by gradient descent on a probe loss + λ‖α‖²",
                Map.of("alphaInit", "1/K", "lr", "0.01", "steps", "100", "l2", "0", "groups", "one"), List.of(), List.of()));
        out.add(e("O07", "Permutation-aligned merging (weight matching) and the LMC barrier", "T2",
                "Ainsworth et al. 2023 (Git Re-Basin weight matching); Ito et al. 2024, Analysis of Linear Mode Connectivity via Permutation-Based Weight Matching",
                "P_l = argmax_P ⟨W_l^A, P W_l^B P_{l−1}ᵀ⟩ (coordinate descent, Hungarian); barrier = max_λ L((1−λ)θ_A + λθ_B) − ((1−λ)L_A + λL_B)",
                Map.of("maxSweeps", "100", "points", "11"), List.of(), List.of()));
        out.add(e("O10", "Learning from the undesirable (LfU)", "T2", "Nam, Kim & Jeong 2025, Learning from the Undesirable: Robust Adaptation of Language Models without Forgetting",
                "θ' = θ + η∇L(θ); L_LfU = L(θ) + λ Σ_l mean((h_l(θ) − sg h_l(θ'))²)", Map.of("ascentLr", "0.01", "lambda", "1"),
                List.of(Input.floats("representations", "any", "per-layer hidden states")), List.of(new GradCase("O10", s -> {
                    Tensor h1 = randn(s, 3, 4), h2 = randn(s + 1, 2, 5);
                    Tensor t1 = randn(s + 2, 3, 4), t2 = randn(s + 3, 2, 5);
                    return GradCase.Problem.of(Map.of("h1", h1, "h2", h2), in -> LearningFromUndesirable.consistency(List.of(in.get("h1"), in.get("h2")), List.of(t1, t2)));
                }))));
        out.add(e("O12", "Virtual adversarial training (VAT)", "T2", "Miyato et al. 2018, Virtual Adversarial Training: A Regularization Method for Supervised and Semi-Supervised Learning",
                "d ← normalise(∇_r KL(p ‖ p(x + ξd))); r_adv = ε d; LDS = KL(sg p(x) ‖ p(x + r_adv)); total = CE + α LDS",
                Map.of("xi", "1e-6", "eps", "8.0", "iterations", "1", "alpha", "1"), List.of(Input.floats("x", "N x D", "inputs (or token embeddings)")),
                List.of(new GradCase("O12", s -> {
                    Tensor w = randn(s, 3, 4), x = randn(s + 1, 5, 3);
                    Tensor p = x.matmul(w).softmax(1);
                    Tensor rAdv = new VirtualAdversarial(1e-6, 0.5, 2, new Rng(s + 2)).perturbation(null, z -> z.matmul(w), x);
                    return GradCase.Problem.of(Map.of("w", w, "x", x), in -> VirtualAdversarial.kl(p, in.get("x").add(rAdv).matmul(in.get("w"))));
                }))));
        return out;
    }

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(DType.F64, new Rng(seed), shape);
    }

    /** Moves entries away from 0 (the |x| kink) by at least 0.05. */
    private static Tensor away(Tensor t) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) if (Math.abs(v[i]) < 0.05) v[i] = v[i] < 0 ? -0.05 - Math.abs(v[i]) : 0.05 + v[i];
        return Tensor.of(v, t.shape());
    }

    /** Optimizer names the factory accepts (besides the IDs O01, O09, O13, O14, O16, O17). */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "lamb", "rmsprop", "adagrad", "momo", "adagradnorm", "normalizedgd", "sam", "orthograd");

    /**
     * Builds an optimizer by name or catalog ID over {@code groups} (which carry LR and weight decay). Parameters:
     * sgd {@code momentum, dampening, nesterov}; adam/adamw/lamb {@code beta1, beta2, eps}; rmsprop
     * {@code alpha, eps, momentum}; adagrad {@code eps}; momo {@code beta, lowerBound}; adagradnorm {@code b0};
     * sam {@code rho, base} (+ the base's); orthograd {@code rescale, base} (+ the base's); O01 {@code optimizer}
     * (default adamw). Unknown parameters are refused.
     */
    public static Optimizer create(String idOrName, List<ParamGroup> groups, Params p) {
        String k = idOrName.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "o01" -> {
                String name = p.getString("optimizer", "adamw");
                Map<String, String> rest = new LinkedHashMap<>(p.asMap());
                rest.remove("optimizer");
                if (name.equalsIgnoreCase("o01")) throw new IllegalArgumentException("parameter 'optimizer' must name an optimizer, got 'O01'");
                yield create(name, groups, Params.of(rest));
            }
            case "sgd" -> {
                p.checkKnown(Set.of("momentum", "dampening", "nesterov"));
                yield new Sgd(groups, p.getDouble("momentum", 0), p.getDouble("dampening", 0), p.getBoolean("nesterov", false));
            }
            case "adam" -> {
                p.checkKnown(Set.of("beta1", "beta2", "eps"));
                yield new Adam(groups, p.getDouble("beta1", 0.9), p.getDouble("beta2", 0.999), p.getDouble("eps", 1e-8));
            }
            case "adamw" -> {
                p.checkKnown(Set.of("beta1", "beta2", "eps"));
                yield new AdamW(groups, p.getDouble("beta1", 0.9), p.getDouble("beta2", 0.999), p.getDouble("eps", 1e-8));
            }
            case "lamb" -> {
                p.checkKnown(Set.of("beta1", "beta2", "eps"));
                yield new Lamb(groups, p.getDouble("beta1", 0.9), p.getDouble("beta2", 0.999), p.getDouble("eps", 1e-6));
            }
            case "rmsprop" -> {
                p.checkKnown(Set.of("alpha", "eps", "momentum"));
                yield new RmsProp(groups, p.getDouble("alpha", 0.99), p.getDouble("eps", 1e-8), p.getDouble("momentum", 0));
            }
            case "adagrad" -> {
                p.checkKnown(Set.of("eps"));
                yield new AdaGrad(groups, p.getDouble("eps", 1e-10));
            }
            case "momo", "o13" -> {
                p.checkKnown(Set.of("beta", "lowerBound"));
                yield new MoMo(groups, p.getDouble("beta", 0.9), p.getDouble("lowerBound", 0));
            }
            case "adagradnorm", "o14" -> {
                p.checkKnown(Set.of("b0"));
                yield new AdaGradNorm(groups, p.getDouble("b0", 1e-2));
            }
            case "normalizedgd", "o16" -> {
                p.checkKnown(Set.of());
                yield new NormalizedGd(groups);
            }
            case "sam", "o09" -> {
                double rho = p.getDouble("rho", 0.05);
                yield new Sam(create(p.getString("base", "sgd"), groups, without(p, "rho", "base")), rho);
            }
            case "orthograd", "o17" -> {
                boolean rescale = p.getBoolean("rescale", true);
                yield new OrthoGrad(create(p.getString("base", "adamw"), groups, without(p, "rescale", "base")), rescale);
            }
            default -> throw new IllegalArgumentException("unknown optimizer '" + idOrName + "' (known: " + String.join(", ", NAMES) + ", O01, O09, O13, O14, O16, O17)");
        };
    }

    private static Params without(Params p, String... names) {
        Map<String, String> m = new LinkedHashMap<>(p.asMap());
        for (String n : names) m.remove(n);
        return Params.of(m);
    }
}
