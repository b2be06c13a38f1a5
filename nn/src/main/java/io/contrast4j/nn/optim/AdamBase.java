package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/** Shared Adam kernel; {@code decoupled} selects AdamW's decay θ ← θ(1 − ηλ) instead of the L2 term g + λθ. */
abstract sealed class AdamBase extends Optimizer permits Adam, AdamW {
    final double beta1, beta2, eps;
    private final boolean decoupled;

    AdamBase(List<ParamGroup> groups, double beta1, double beta2, double eps, boolean decoupled) {
        super(groups);
        checkUnit("beta1", beta1);
        checkUnit("beta2", beta2);
        checkPositive("eps", eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
    }

    @Override
    protected String[] stateNames() {
        return new String[]{"exp_avg", "exp_avg_sq"};
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double lr = group.lr(), wd = group.weightDecay();
        double l2 = decoupled ? 0 : wd, shrink = decoupled ? 1 - lr * wd : 1;
        double b1 = beta1, b2 = beta2, c1 = 1 - b1, c2 = 1 - b2;
        double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
        double stepSize = lr / bc1, sqrtBc2 = Math.sqrt(bc2), e = eps;
        double[] m = st[0], v = st[1];
        int n = p.size();
        if (p.f != null) {
            float[] w = p.f, gr = g.f;
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                double gi = gr[i] + l2 * wi;
                double mi = b1 * m[i] + c1 * gi, vi = b2 * v[i] + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                w[i] = (float) (wi * shrink - stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + e));
            }
        } else {
            double[] w = p.d, gr = g.d;
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                double gi = gr[i] + l2 * wi;
                double mi = b1 * m[i] + c1 * gi, vi = b2 * v[i] + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                w[i] = wi * shrink - stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + e);
            }
        }
    }
}
