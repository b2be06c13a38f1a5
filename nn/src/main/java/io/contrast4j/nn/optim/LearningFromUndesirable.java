package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Learning from the Undesirable, LfU (catalog O10, T2; Nam, Kim &amp; Jeong, <i>Learning from the Undesirable:
 * Robust Adaptation of Language Models without Forgetting</i>, AAAI 2026, arXiv 2511.13052): an auxiliary model after
 * one undesirable (gradient-ascent) step θ' = θ + η∇L(θ), and the objective
 * L_LfU = L(θ) + λ·Σ_l mean((h_l(x; θ) − sg(h_l(x; θ')))²) (representation consistency over the chosen layers,
 * mean-squared error as in the paper's summary). Costs about twice a plain step (three forwards, two backwards).
 * Here the ascent moves the model's own parameters (the paper perturbs a LoRA / representation-steering auxiliary);
 * they are restored before the objective is built. Dropout inside the model should be reseeded between the passes
 * (or off) so that only θ differs. Defaults: η = 0.01, λ = 1 (caller's choice; formula follows CATALOG.md and the
 * paper's abstract, not its full text).
 */
public final class LearningFromUndesirable {
    private final double ascentLr, lambda;

    /** One forward pass: the task loss and the representations to keep consistent (e.g. every block's output). */
    public record Output(Tensor loss, List<Tensor> representations) {
    }

    @FunctionalInterface
    public interface Forward {
        Output run();
    }

    public LearningFromUndesirable(double ascentLr, double lambda) {
        if (!(ascentLr > 0) || Double.isInfinite(ascentLr)) throw new IllegalArgumentException("LearningFromUndesirable: ascentLr must be finite and > 0, got " + ascentLr);
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("LearningFromUndesirable: lambda must be finite and >= 0, got " + lambda);
        this.ascentLr = ascentLr;
        this.lambda = lambda;
    }

    /** Σ_l mean((h_l − sg(t_l))²). */
    public static Tensor consistency(List<Tensor> reps, List<Tensor> targets) {
        if (reps.size() != targets.size() || reps.isEmpty()) throw new IllegalArgumentException("consistency: " + reps.size() + " representations for " + targets.size() + " targets (need the same, >= 1)");
        Tensor total = null;
        for (int l = 0; l < reps.size(); l++) {
            if (!Arrays.equals(reps.get(l).shape(), targets.get(l).shape())) throw new IllegalArgumentException("consistency: layer " + l + " shape " + Arrays.toString(reps.get(l).shape()) + " != target " + Arrays.toString(targets.get(l).shape()));
            Tensor t = reps.get(l).sub(targets.get(l).detach()).square().mean();
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    /** Representations of the undesirable model θ + η∇L(θ) (constants); θ is restored and its gradients cleared. */
    public List<Tensor> undesirableTargets(Module model, Forward forward) {
        List<Tensor> params = model.parameters();
        model.zeroGrad();
        forward.run().loss().backward();
        List<Storage> saved = new ArrayList<>(params.size());
        for (Tensor p : params) {
            saved.add(p.storage());
            if (p.grad() != null) p.assign(p.detach().add(p.grad().to(p.dtype()).mul(ascentLr)).storage());
        }
        try (var g = Grad.off()) {
            List<Tensor> out = new ArrayList<>();
            for (Tensor h : forward.run().representations()) out.add(h.detach());
            return out;
        } finally {
            for (int i = 0; i < params.size(); i++) params.get(i).assign(saved.get(i));
            model.zeroGrad();
        }
    }

    /** L(θ) + λ·consistency at θ, with a graph (call backward, then the optimizer step). */
    public Tensor objective(Module model, Forward forward) {
        List<Tensor> targets = undesirableTargets(model, forward);
        Output o = forward.run();
        return lambda == 0 ? o.loss() : o.loss().add(consistency(o.representations(), targets).mul(lambda));
    }
}
