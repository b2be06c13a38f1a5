package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * LAMB (You et al., <i>Large Batch Optimization for Deep Learning: Training BERT in 76 minutes</i>, ICLR 2020,
 * Algorithm 2) with φ = identity (O01): Adam moments with bias correction, r = m̂/(√v̂ + ε) + λθ, and the
 * layer-wise trust ratio θ ← θ − η·(‖θ‖/‖r‖)·r (ratio 1 when either norm is 0). Defaults β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-6. Two passes per parameter (norms, then update); no extra buffer.
 */
public final class Lamb extends Optimizer {
    private final double beta1, beta2, eps;

    public Lamb(List<ParamGroup> groups) {
        this(groups, 0.9, 0.999, 1e-6);
    }

    public Lamb(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        super(groups);
        checkUnit("beta1", beta1);
        checkUnit("beta2", beta2);
        checkPositive("eps", eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected String[] stateNames() {
        return new String[]{"exp_avg", "exp_avg_sq"};
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double lr = group.lr(), wd = group.weightDecay();
        double b1 = beta1, b2 = beta2, c1 = 1 - b1, c2 = 1 - b2;
        double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t), e = eps;
        double[] m = st[0], v = st[1];
        int n = p.size();
        double wn = 0, rn = 0;
        for (int i = 0; i < n; i++) {
            double wi = p.f != null ? p.f[i] : p.d[i];
            double gi = g.f != null ? g.f[i] : g.d[i];
            double mi = b1 * m[i] + c1 * gi, vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            double r = (mi / bc1) / (Math.sqrt(vi / bc2) + e) + wd * wi;
            wn += wi * wi;
            rn += r * r;
        }
        double ratio = wn > 0 && rn > 0 ? Math.sqrt(wn) / Math.sqrt(rn) : 1.0;
        double s = lr * ratio;
        if (p.f != null) {
            float[] w = p.f;
            for (int i = 0; i < n; i++) {
                double r = (m[i] / bc1) / (Math.sqrt(v[i] / bc2) + e) + wd * w[i];
                w[i] = (float) (w[i] - s * r);
            }
        } else {
            double[] w = p.d;
            for (int i = 0; i < n; i++) {
                double r = (m[i] / bc1) / (Math.sqrt(v[i] / bc2) + e) + wd * w[i];
                w[i] = w[i] - s * r;
            }
        }
    }
}
