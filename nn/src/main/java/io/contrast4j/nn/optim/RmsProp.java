package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * RMSprop (Hinton, Coursera lecture 6e; the MLRC benchmark's optimizer), PyTorch semantics without centring (O01):
 * g ← g + λθ; v ← αv + (1−α)g²; b ← μb + g/(√v + ε) (μ = 0: b = g/(√v + ε)); θ ← θ − ηb.
 * Defaults α = 0.99, ε = 1e-8, μ = 0.
 */
public final class RmsProp extends Optimizer {
    private final double alpha, eps, momentum;

    public RmsProp(List<ParamGroup> groups) {
        this(groups, 0.99, 1e-8, 0);
    }

    public RmsProp(List<ParamGroup> groups, double alpha, double eps, double momentum) {
        super(groups);
        checkUnit("alpha", alpha);
        checkPositive("eps", eps);
        checkFiniteNonNegative("momentum", momentum);
        this.alpha = alpha;
        this.eps = eps;
        this.momentum = momentum;
    }

    @Override
    protected String[] stateNames() {
        return new String[]{"square_avg", "momentum_buffer"};
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double lr = group.lr(), wd = group.weightDecay(), a = alpha, ca = 1 - alpha, mu = momentum, e = eps;
        double[] v = st[0], b = st[1];
        int n = p.size();
        for (int i = 0; i < n; i++) {
            double wi = p.f != null ? p.f[i] : p.d[i];
            double gi = (g.f != null ? g.f[i] : g.d[i]) + wd * wi;
            double vi = a * v[i] + ca * gi * gi;
            v[i] = vi;
            double bi = mu * b[i] + gi / (Math.sqrt(vi) + e);
            b[i] = bi;
            double nw = wi - lr * bi;
            if (p.f != null) p.f[i] = (float) nw;
            else p.d[i] = nw;
        }
    }
}
