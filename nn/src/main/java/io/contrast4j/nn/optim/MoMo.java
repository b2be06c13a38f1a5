package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.io.NamedArray;

import java.util.ArrayList;
import java.util.List;

/**
 * MoMo (O13; Schaipp et al., <i>MoMo: Momentum Models for Adaptive Learning Rates</i>, ICML 2024), the SGD-M
 * variant with lower bound f* = 0 and no bias correction, following the authors' reference code
 * (fabian-sp/MoMo): d_k = βd_{k−1} + (1−β)g_k; f̄_k = βf̄_{k−1} + (1−β)f_k; γ_k = βγ_{k−1} + (1−β)⟨g_k, x_k⟩
 * (all three initialised with the first values); h = f̄_k + ⟨d_k, x_k⟩ − γ_k;
 * x ← x − min(α, [h − f*]₊/‖d_k‖²)·d_k, sums over all parameters. With weight decay λ (per group):
 * τ = min(α, [(1+αλ)(f̄ − f*) + ⟨d, x⟩ − (1+αλ)γ]₊/‖d‖²), then x ← (x − τd)/(1+αλ).
 * Defaults: α (the group LR) = 1, β = 0.9, f* = 0. Needs the loss value: call {@link #step(double)}.
 * The MoMo-Adam variant is not implemented.
 */
public final class MoMo extends Optimizer {
    private final double beta, lowerBound;
    private double lossAvg;
    private double[][] dotW; // per parameter: EMA of ⟨g, x⟩ (a single value each)
    private long k;

    public MoMo(List<ParamGroup> groups) {
        this(groups, 0.9, 0.0);
    }

    public MoMo(List<ParamGroup> groups, double beta, double lowerBound) {
        super(groups);
        checkUnit("beta", beta);
        if (!Double.isFinite(lowerBound)) throw new IllegalArgumentException("lowerBound must be finite, got " + lowerBound);
        this.beta = beta;
        this.lowerBound = lowerBound;
        dotW = new double[groups.size()][];
        for (int g = 0; g < groups.size(); g++) dotW[g] = new double[groups.get(g).params().size()];
    }

    @Override
    public boolean needsLoss() {
        return true;
    }

    @Override
    public void step() {
        throw new IllegalStateException("MoMo needs the loss value: call step(loss)");
    }

    @Override
    public void step(double loss) {
        if (!Double.isFinite(loss)) throw new IllegalArgumentException("loss must be finite, got " + loss);
        for (ParamGroup g : groups) ParamGroup.checkLr(g.lr());
        k++;
        boolean first = k == 1;
        double b = beta, c = 1 - beta;
        lossAvg = first ? loss : b * lossAvg + c * loss;
        double dot = 0, gamma = 0, norm = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            List<Tensor> ps = groups.get(gi).params();
            for (int pi = 0; pi < ps.size(); pi++) {
                Tensor p = ps.get(pi);
                if (p.grad() == null) throw new IllegalStateException("MoMo: parameter " + groups.get(gi).name(pi) + " of group " + gi + " has no gradient");
                HostStorage w = p.host(), g = Grads.hostAs(p.grad(), w.dtype);
                double[] d = buffers(gi, pi, w.size())[0];
                double gx = 0, dx = 0, dd = 0;
                for (int i = 0; i < d.length; i++) {
                    double wi = w.get(i), gv = g.get(i);
                    gx += wi * gv;
                    double di = first ? gv : b * d[i] + c * gv;
                    d[i] = di;
                    dx += wi * di;
                    dd += di * di;
                }
                dotW[gi][pi] = first ? gx : b * dotW[gi][pi] + c * gx;
                dot += dx;
                gamma += dotW[gi][pi];
                norm += dd;
            }
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup group = groups.get(gi);
            double lr = group.lr(), lam = group.weightDecay(), s = 1 + lr * lam;
            double nom = s * (lossAvg - lowerBound) + dot - s * gamma;
            double t1 = norm > 0 ? Math.max(nom, 0) / norm : 0;
            double tau = Math.min(lr, t1);
            List<Tensor> ps = group.params();
            for (int pi = 0; pi < ps.size(); pi++) {
                Tensor p = ps.get(pi);
                boolean device = !p.storage().isHost();
                HostStorage w = p.host();
                double[] d = buffers(gi, pi, w.size())[0];
                for (int i = 0; i < d.length; i++) w.set(i, (w.get(i) - tau * d[i]) / s);
                if (device) p.assign(w);
            }
        }
        countStep();
    }

    @Override
    protected String[] stateNames() {
        return new String[]{"grad_avg"};
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        throw new IllegalStateException("MoMo updates all parameters together in step(loss)");
    }

    @Override
    public List<NamedArray> state() {
        List<NamedArray> out = new ArrayList<>(super.state());
        out.add(NamedArray.f64("momo.loss_avg", new int[0], new double[]{lossAvg}));
        out.add(NamedArray.i64("momo.k", new int[0], new long[]{k}));
        for (int g = 0; g < dotW.length; g++) out.add(NamedArray.f64("momo.g" + g + ".grad_dot_w", new int[]{dotW[g].length}, dotW[g].clone()));
        return out;
    }

    @Override
    public void loadState(List<NamedArray> arrays) {
        List<NamedArray> rest = new ArrayList<>();
        double la = Double.NaN;
        long kk = -1;
        double[][] dw = new double[dotW.length][];
        for (NamedArray a : arrays) {
            if (a.name().equals("momo.loss_avg") && a.f64() != null) la = a.f64()[0];
            else if (a.name().equals("momo.k") && a.i64() != null) kk = a.i64()[0];
            else if (a.name().startsWith("momo.g") && a.f64() != null) {
                int g = Integer.parseInt(a.name().substring(6, a.name().indexOf('.', 6)));
                if (g < 0 || g >= dw.length || a.f64().length != dotW[g].length) throw new IllegalArgumentException("optimizer state: '" + a.name() + "' does not match the groups");
                dw[g] = a.f64().clone();
            } else rest.add(a);
        }
        if (Double.isNaN(la) || kk < 0) throw new IllegalArgumentException("optimizer state: missing momo.loss_avg or momo.k");
        for (int g = 0; g < dw.length; g++) if (dw[g] == null) throw new IllegalArgumentException("optimizer state: missing momo.g" + g + ".grad_dot_w");
        super.loadState(rest);
        lossAvg = la;
        k = kk;
        dotW = dw;
    }
}
