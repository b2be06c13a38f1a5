package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * Gradient-norm sharpness regulariser (O11; IGNITE, <i>Incorporating Surrogate Gradient Norm to Improve Offline
 * Optimization Techniques</i>, 2024): min L(θ) s.t. ‖∇L(θ)‖² ≤ ε by primal–dual steps. The penalty gradient
 * ∇‖∇L‖² = 2Hg is taken by the finite difference 2‖g‖(∇L(θ + rĝ) − ∇L(θ))/r (no double backward), so the
 * gradient handed to the optimizer is g + λ·2‖g‖(∇L(θ + rĝ) − g)/r; then λ ← [λ + η_λ(‖g‖² − ε)]₊.
 * Formula not verified against the paper: follows CATALOG.md. Defaults: r = 1e-3, ε = 0.1, η_λ = 0.01, λ₀ = 0.
 */
public final class GradNormPenalty {
    private final double radius, epsilon, dualLr;
    private double lambda;
    private double[][] g0, w0;

    public GradNormPenalty(double radius, double epsilon, double dualLr, double lambda0) {
        Optimizer.checkPositive("radius", radius);
        Optimizer.checkFiniteNonNegative("epsilon", epsilon);
        Optimizer.checkFiniteNonNegative("dualLr", dualLr);
        Optimizer.checkFiniteNonNegative("lambda0", lambda0);
        this.radius = radius;
        this.epsilon = epsilon;
        this.dualLr = dualLr;
        this.lambda = lambda0;
    }

    public GradNormPenalty() {
        this(1e-3, 0.1, 0.01, 0.0);
    }

    public double lambda() {
        return lambda;
    }

    /**
     * With ∇L(θ) present in the parameters' gradients, evaluates ∇L(θ + rĝ) with {@code closure} (which must
     * recompute the gradients; they are zeroed first), restores θ, writes the penalised gradient and updates λ.
     * Returns ‖g‖².
     */
    public double apply(List<Tensor> params, Optimizer.Closure closure) {
        if (g0 == null) {
            g0 = new double[params.size()][];
            w0 = new double[params.size()][];
        }
        double n2 = 0;
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            if (p.grad() == null) throw new IllegalStateException("params[" + k + "] has no gradient: run backward first");
            if (g0[k] == null) {
                g0[k] = new double[p.numel()];
                w0[k] = new double[p.numel()];
            }
            HostStorage g = p.grad().host();
            for (int i = 0; i < g0[k].length; i++) {
                g0[k][i] = g.get(i);
                n2 += g0[k][i] * g0[k][i];
            }
        }
        double norm = Math.sqrt(n2);
        if (norm > 0 && lambda > 0) {
            double s = radius / norm;
            for (int k = 0; k < params.size(); k++) {
                Tensor p = params.get(k);
                boolean device = !p.storage().isHost();
                HostStorage w = p.host();
                for (int i = 0; i < w0[k].length; i++) {
                    w0[k][i] = w.get(i);
                    w.set(i, w0[k][i] + s * g0[k][i]);
                }
                if (device) p.assign(w);
                p.zeroGrad();
            }
            closure.evaluate();
            double c = lambda * 2 * norm / radius;
            for (int k = 0; k < params.size(); k++) {
                Tensor p = params.get(k);
                boolean device = !p.storage().isHost();
                HostStorage w = p.host();
                for (int i = 0; i < w0[k].length; i++) w.set(i, w0[k][i]);
                if (device) p.assign(w);
                HostStorage g2 = p.grad() == null ? null : p.grad().host();
                HostStorage out = HostStorage.zeros(p.dtype(), p.numel());
                for (int i = 0; i < w0[k].length; i++) {
                    double gi = g0[k][i], hi = g2 == null ? 0 : g2.get(i);
                    out.set(i, gi + c * (hi - gi));
                }
                p.setGrad(Tensor.wrap(out, p.shape()));
            }
        }
        lambda = Math.max(0, lambda + dualLr * (n2 - epsilon));
        return n2;
    }
}
