package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.io.NamedArray;

import java.util.List;

/**
 * ⊥Grad (O17; Prieto et al., <i>Grokking at the Edge of Numerical Stability</i>, 2025): before the base optimizer's
 * step, each parameter tensor's gradient is projected orthogonally to the tensor, g⊥ = g − (θ·g / (θ·θ + 1e-30))·θ,
 * removing the naive-loss-minimisation direction that only scales logits. With {@code rescale} (default true, as
 * the authors' reference code) g⊥ is rescaled to ‖g‖. Projected gradients are written into buffers allocated once
 * per parameter (gradients may share storage, so they are not modified in place).
 */
public final class OrthoGrad extends Optimizer {
    private final Optimizer base;
    private final boolean rescale;
    private final List<Tensor> params;
    private Tensor[] out;

    public OrthoGrad(Optimizer base) {
        this(base, true);
    }

    public OrthoGrad(Optimizer base, boolean rescale) {
        super(base.groups());
        this.base = base;
        this.rescale = rescale;
        this.params = GradClip.allParams(base);
    }

    public Optimizer base() {
        return base;
    }

    @Override
    public void step() {
        project();
        base.step();
        countStep();
    }

    /** Replaces every gradient by its projection orthogonal to the parameter. */
    public void project() {
        if (out == null) out = new Tensor[params.size()];
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            if (p.grad() == null) continue;
            HostStorage w = p.host(), g = Grads.hostAs(p.grad(), w.dtype);
            if (out[k] == null) {
                out[k] = Tensor.wrap(HostStorage.zeros(w.dtype, w.size()), p.shape());
            }
            HostStorage o = (HostStorage) out[k].storage();
            int n = w.size();
            double ww = 0, wg = 0, gg = 0;
            for (int i = 0; i < n; i++) {
                double wi = w.get(i), gi = g.get(i);
                ww += wi * wi;
                wg += wi * gi;
                gg += gi * gi;
            }
            double c = wg / (ww + 1e-30);
            double on = 0;
            for (int i = 0; i < n; i++) {
                double v = g.get(i) - c * w.get(i);
                o.set(i, v);
                on += v * v;
            }
            if (rescale) {
                double s = Math.sqrt(gg) / (Math.sqrt(on) + 1e-30);
                for (int i = 0; i < n; i++) o.set(i, o.get(i) * s);
            }
            p.setGrad(out[k]);
        }
    }

    @Override
    protected String[] stateNames() {
        return new String[0];
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        throw new IllegalStateException("OrthoGrad delegates updates to its base optimizer");
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
