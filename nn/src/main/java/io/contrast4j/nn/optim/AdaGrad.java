package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, <i>Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization</i>, JMLR 2011), PyTorch semantics (O01): g ← g + λθ; s ← s + g²; θ ← θ − η·g/(√s + ε).
 * Default ε = 1e-10, initial accumulator 0.
 */
public final class AdaGrad extends Optimizer {
    private final double eps;

    public AdaGrad(List<ParamGroup> groups) {
        this(groups, 1e-10);
    }

    public AdaGrad(List<ParamGroup> groups, double eps) {
        super(groups);
        checkPositive("eps", eps);
        this.eps = eps;
    }

    @Override
    protected String[] stateNames() {
        return new String[]{"sum"};
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double lr = group.lr(), wd = group.weightDecay(), e = eps;
        double[] s = st[0];
        int n = p.size();
        for (int i = 0; i < n; i++) {
            double wi = p.f != null ? p.f[i] : p.d[i];
            double gi = (g.f != null ? g.f[i] : g.d[i]) + wd * wi;
            double si = s[i] + gi * gi;
            s[i] = si;
            double nw = wi - lr * gi / (Math.sqrt(si) + e);
            if (p.f != null) p.f[i] = (float) nw;
            else p.d[i] = nw;
        }
    }
}
