package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.io.NamedArray;

import java.util.List;

/**
 * Sharpness-aware minimisation (O09; Foret et al., <i>Sharpness-Aware Minimization for Efficiently Improving
 * Generalization</i>, ICLR 2021): with the gradient g at w already computed, ε̂ = ρ·g/(‖g‖ + 1e-12) (global norm),
 * move to w + ε̂, recompute the gradient there with the closure, restore w and step the base optimizer with
 * ∇L(w + ε̂). Default ρ = 0.05. Twice the compute of the base optimizer. The saved weights are kept in buffers
 * allocated once.
 */
public final class Sam extends Optimizer {
    private final Optimizer base;
    private final double rho;
    private final List<Tensor> params;
    private double[][] saved;
    private boolean[] moved;

    public Sam(Optimizer base, double rho) {
        super(base.groups());
        if (!(rho > 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("rho must be finite and > 0, got " + rho);
        this.base = base;
        this.rho = rho;
        this.params = GradClip.allParams(base);
    }

    public Optimizer base() {
        return base;
    }

    @Override
    public boolean needsClosure() {
        return true;
    }

    @Override
    public void step() {
        throw new IllegalStateException("SAM needs a closure that recomputes loss and gradients: call step(closure)");
    }

    /** Gradients at w must be present; the closure must recompute them (zeroing first) at the perturbed point. */
    @Override
    public void step(Closure closure) {
        ascend();
        zeroGrad();
        closure.evaluate();
        restore();
        base.step();
    }

    /** First SAM step: w ← w + ρ·g/‖g‖ (saves w). Returns ‖g‖. */
    public double ascend() {
        if (saved == null) {
            saved = new double[params.size()][];
            moved = new boolean[params.size()];
        }
        double norm = Grads.globalNorm(params);
        double s = rho / (norm + 1e-12);
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            moved[k] = p.grad() != null;
            if (!moved[k]) continue;
            if (saved[k] == null) saved[k] = new double[p.numel()];
            double[] sv = saved[k];
            boolean device = !p.storage().isHost();
            HostStorage w = p.host(), g = Grads.hostAs(p.grad(), w.dtype);
            if (w.f != null) {
                for (int i = 0; i < sv.length; i++) {
                    sv[i] = w.f[i];
                    w.f[i] = (float) (w.f[i] + s * g.f[i]);
                }
            } else {
                for (int i = 0; i < sv.length; i++) {
                    sv[i] = w.d[i];
                    w.d[i] = w.d[i] + s * g.d[i];
                }
            }
            if (device) p.assign(w);
        }
        return norm;
    }

    /** Restores the weights saved by {@link #ascend()}. */
    public void restore() {
        if (saved == null) throw new IllegalStateException("restore() before ascend()");
        for (int k = 0; k < params.size(); k++) {
            if (!moved[k]) continue;
            double[] sv = saved[k];
            moved[k] = false;
            Tensor p = params.get(k);
            boolean device = !p.storage().isHost();
            HostStorage w = p.host();
            for (int i = 0; i < sv.length; i++) w.set(i, sv[i]);
            if (device) p.assign(w);
        }
    }

    @Override
    protected String[] stateNames() {
        return new String[0];
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        throw new IllegalStateException("SAM delegates updates to its base optimizer");
    }

    @Override
    public List<NamedArray> state() {
        return base.state();
    }

    @Override
    public void loadState(List<NamedArray> arrays) {
        base.loadState(arrays);
    }
}
