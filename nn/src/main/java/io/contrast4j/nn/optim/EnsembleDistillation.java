package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

import java.util.List;

/**
 * Data-constrained recipe (O20; Kim et al., <i>Pre-training under infinite compute</i>, 2025): heavy decoupled
 * weight decay ({@link AdamW} with λ up to ~30× the usual), K independently trained models, and distillation of the
 * ensemble into a student. This class is the ensemble part: the ensemble target p̄ = (1/K)Σ_k softmax(z_k/T) and the
 * student loss L = α·T²·CE(p̄, softmax(z_s/T)) + (1−α)·CE(y, softmax(z_s)) (soft-target CE as L202; hard CE
 * skipped when no labels are given). Defaults T = 1, α = 0.5.
 */
public final class EnsembleDistillation {
    private EnsembleDistillation() {
    }

    /** Mean of the members' softmax(z/T) (constants: no gradient). Logits are N×C. */
    public static Tensor ensembleTarget(List<Tensor> memberLogits, double temperature) {
        if (memberLogits.isEmpty()) throw new IllegalArgumentException("memberLogits: need at least one model");
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        Tensor sum = null;
        for (Tensor z : memberLogits) {
            if (!java.util.Arrays.equals(z.shape(), memberLogits.get(0).shape())) throw new IllegalArgumentException("memberLogits: shapes differ");
            Tensor p = z.detach().div(temperature).softmax(-1);
            sum = sum == null ? p : sum.add(p);
        }
        return sum.div(memberLogits.size());
    }

    /** The student loss; {@code labels} (I32, N) may be null for pure distillation. Mean over rows. */
    public static Tensor loss(Tensor studentLogits, Tensor target, Tensor labels, double temperature, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        if (!java.util.Arrays.equals(studentLogits.shape(), target.shape())) throw new IllegalArgumentException("student logits " + java.util.Arrays.toString(studentLogits.shape()) + " and target " + java.util.Arrays.toString(target.shape()) + " differ");
        int n = studentLogits.dim(0), c = studentLogits.dim(-1);
        Tensor soft = target.mul(studentLogits.div(temperature).logSoftmax(-1)).sum().neg().div(n).mul(temperature * temperature);
        if (labels == null) return soft;
        Tensor hard = Tensor.oneHot(labels, c, studentLogits.dtype()).mul(studentLogits.logSoftmax(-1)).sum().neg().div(n);
        return soft.mul(alpha).add(hard.mul(1 - alpha));
    }
}
