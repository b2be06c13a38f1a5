package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Virtual adversarial training (catalog O12, T2; Miyato et al., <i>Virtual Adversarial Training: A Regularization
 * Method for Supervised and Semi-Supervised Learning</i>, TPAMI 2018; official code {@code takerum/vat_tf}):
 * p = sg(softmax(f(x))); d ~ N(0, I) normalised per sample; K power iterations d ← normalise(∇_r KL(p ‖
 * softmax(f(x + r)))|_{r = ξd}) (the finite-difference estimate of the dominant eigenvector of the KL Hessian);
 * r_adv = ε·d (a constant); LDS = mean_n KL(p_n ‖ softmax(f(x_n + r_adv))); total = CE + α·LDS. Model parameters
 * are excluded from the power-iteration graph (their gradients are untouched). On text, pass the token-embedding
 * output as x. Defaults (official code): ξ = 1e-6, ε = 8.0 (CIFAR-10; choose per input scale), 1 iteration, α = 1.
 */
public final class VirtualAdversarial {
    private final double xi, eps;
    private final int iterations;
    private final Rng rng;

    public VirtualAdversarial(double xi, double eps, int iterations, Rng rng) {
        if (!(xi > 0) || !(eps > 0) || Double.isInfinite(xi) || Double.isInfinite(eps)) throw new IllegalArgumentException("VirtualAdversarial: xi and eps must be finite and > 0, got " + xi + ", " + eps);
        if (iterations < 1) throw new IllegalArgumentException("VirtualAdversarial: iterations must be >= 1, got " + iterations);
        this.xi = xi;
        this.eps = eps;
        this.iterations = iterations;
        this.rng = rng;
    }

    /** mean_n Σ_c p_nc (log p_nc − log softmax(logits)_nc), with 0·log 0 = 0; {@code p} is a constant. */
    public static Tensor kl(Tensor p, Tensor logits) {
        if (!Arrays.equals(p.shape(), logits.shape()) || p.rank() != 2) throw new IllegalArgumentException("kl: p and logits must both be [N, C], got " + Arrays.toString(p.shape()) + " and " + Arrays.toString(logits.shape()));
        Tensor pc = p.detach();
        double[] pv = pc.toDoubleArray(), plogp = new double[pv.length];
        for (int i = 0; i < pv.length; i++) plogp[i] = pv[i] > 0 ? pv[i] * Math.log(pv[i]) : 0;
        Tensor ent = Tensor.of(plogp, p.shape()).to(logits.dtype());
        return ent.sub(pc.to(logits.dtype()).mul(logits.logSoftmax(1))).sum(1).mean();
    }

    /** Rows of {@code t} (flattened past axis 0) scaled to unit L2 norm (first by their max |entry|, as the official code, so tiny gradients keep full precision). */
    static Tensor normalizeRows(Tensor t) {
        int n = t.dim(0);
        Tensor f = t.detach().reshape(n, -1);
        f = f.div(f.abs().max(new int[]{1}, true).add(t.dtype() == io.contrast4j.autograd.DType.F64 ? 1e-300 : 1e-30));
        return f.div(f.norm(1, true).add(1e-12)).reshape(t.shape());
    }

    /** r_adv = ε·d after the power iterations (a constant tensor of x's shape). */
    public Tensor perturbation(Module model, Function<Tensor, Tensor> logits, Tensor x) {
        Tensor xc = x.detach();
        List<Tensor> frozen = new ArrayList<>();
        if (model != null) for (Tensor p : model.parameters()) if (p.requiresGrad()) {
            frozen.add(p);
            p.requiresGrad(false);
        }
        try {
            Tensor p = logits.apply(xc).detach().softmax(1);
            Tensor d = normalizeRows(Tensor.randn(x.dtype(), rng, x.shape()));
            for (int k = 0; k < iterations; k++) {
                Tensor r = d.mul(xi).detach().requiresGrad(true);
                kl(p, logits.apply(xc.add(r))).backward();
                if (r.grad() == null) throw new IllegalStateException("VirtualAdversarial: the logits do not depend on x");
                d = normalizeRows(r.grad().detach());
            }
            return d.mul(eps).detach();
        } finally {
            for (Tensor t : frozen) t.requiresGrad(true);
        }
    }

    /** LDS = KL(sg p(x) ‖ p(x + r_adv)) with a graph to the model parameters (and x). */
    public Tensor lds(Module model, Function<Tensor, Tensor> logits, Tensor x) {
        Tensor rAdv = perturbation(model, logits, x);
        Tensor p = logits.apply(x.detach()).detach().softmax(1);
        return kl(p, logits.apply(x.add(rAdv)));
    }
}
