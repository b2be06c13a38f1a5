package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, with PyTorch's
 * {@code torch.optim.SGD} semantics (O01): g ← g + λθ; b ← g on the first step, else b ← μb + (1−τ)g;
 * g ← g + μb (Nesterov) or b; θ ← θ − η g. Defaults: momentum μ = 0, dampening τ = 0, nesterov = false
 * (λ and η come from the {@link ParamGroup}).
 */
public final class Sgd extends Optimizer {
    private final double momentum, dampening;
    private final boolean nesterov;

    public Sgd(List<ParamGroup> groups) {
        this(groups, 0, 0, false);
    }

    public Sgd(List<ParamGroup> groups, double momentum, double dampening, boolean nesterov) {
        super(groups);
        checkFiniteNonNegative("momentum", momentum);
        checkFiniteNonNegative("dampening", dampening);
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening = 0, got momentum=" + momentum + ", dampening=" + dampening);
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    @Override
    protected String[] stateNames() {
        return momentum != 0 ? new String[]{"momentum_buffer"} : new String[0];
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double lr = group.lr(), wd = group.weightDecay(), mu = momentum, damp = 1 - dampening;
        boolean first = t == 1;
        int n = p.size();
        if (momentum == 0) {
            if (p.f != null) {
                float[] w = p.f, gr = g.f;
                for (int i = 0; i < n; i++) w[i] = (float) (w[i] - lr * (gr[i] + wd * w[i]));
            } else {
                double[] w = p.d, gr = g.d;
                for (int i = 0; i < n; i++) w[i] = w[i] - lr * (gr[i] + wd * w[i]);
            }
            return;
        }
        double[] b = st[0];
        if (p.f != null) {
            float[] w = p.f, gr = g.f;
            for (int i = 0; i < n; i++) {
                double gi = gr[i] + wd * w[i];
                double bi = first ? gi : mu * b[i] + damp * gi;
                b[i] = bi;
                w[i] = (float) (w[i] - lr * (nesterov ? gi + mu * bi : bi));
            }
        } else {
            double[] w = p.d, gr = g.d;
            for (int i = 0; i < n; i++) {
                double gi = gr[i] + wd * w[i];
                double bi = first ? gi : mu * b[i] + damp * gi;
                b[i] = bi;
                w[i] = w[i] - lr * (nesterov ? gi + mu * bi : bi);
            }
        }
    }
}
