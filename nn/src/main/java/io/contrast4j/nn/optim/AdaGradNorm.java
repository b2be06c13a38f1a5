package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.io.NamedArray;

import java.util.ArrayList;
import java.util.List;

/**
 * AdaGrad-Norm with the adaptive batch-size norm test (O14; Lau et al., <i>AdAdaGrad: Adaptive Batch Size Schemes
 * for Adaptive Gradient Methods</i>, 2024): a single scalar step size over all parameters,
 * x ← x − α·ḡ/√(b₀² + Σ_{s≤t} ‖ḡ_s‖²) (α = group LR; default b₀ = 1e-2).
 * {@link #nextBatchSize} is the norm test that grows the batch (AdAdaGradNorm).
 */
public final class AdaGradNorm extends Optimizer {
    private final double b0;
    private double sumSq;

    /** b₀ default 1e-2 (a small initial accumulator; the paper treats it as a hyper-parameter). */
    public AdaGradNorm(List<ParamGroup> groups) {
        this(groups, 1e-2);
    }

    public AdaGradNorm(List<ParamGroup> groups, double b0) {
        super(groups);
        checkPositive("b0", b0);
        this.b0 = b0;
    }

    @Override
    public void step() {
        for (ParamGroup g : groups) ParamGroup.checkLr(g.lr());
        double n2 = 0;
        for (ParamGroup g : groups) for (Tensor p : g.params()) if (p.grad() != null) n2 += Grads.sumSquares(p.grad().host());
        sumSq += n2;
        double denom = Math.sqrt(b0 * b0 + sumSq);
        for (ParamGroup group : groups) {
            double s = group.lr() / denom;
            for (Tensor p : group.params()) {
                if (p.grad() == null) continue;
                boolean device = !p.storage().isHost();
                HostStorage w = p.host(), g = Grads.hostAs(p.grad(), w.dtype);
                if (w.f != null) for (int i = 0; i < w.f.length; i++) w.f[i] = (float) (w.f[i] - s * g.f[i]);
                else for (int i = 0; i < w.d.length; i++) w.d[i] = w.d[i] - s * g.d[i];
                if (device) p.assign(w);
            }
        }
        countStep();
    }

    /** Σ‖ḡ_s‖² so far. */
    public double accumulated() {
        return sumSq;
    }

    /**
     * The norm test: with per-example gradients g_i (rows) of the current batch of size b = rows, mean ḡ and
     * Var = Σ_i‖g_i − ḡ‖²/(b − 1), if Var/b &gt; η²‖ḡ‖² return ⌈Var/(η²‖ḡ‖²)⌉ capped at {@code maxBatch}, else b.
     */
    public static int nextBatchSize(double[][] perExampleGrads, double eta, int maxBatch) {
        int b = perExampleGrads.length;
        if (b < 2) throw new IllegalArgumentException("perExampleGrads: the norm test needs at least 2 examples, got " + b);
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        if (maxBatch < b) throw new IllegalArgumentException("maxBatch must be >= the current batch size " + b + ", got " + maxBatch);
        int d = perExampleGrads[0].length;
        double[] mean = new double[d];
        for (int i = 0; i < b; i++) {
            if (perExampleGrads[i].length != d) throw new IllegalArgumentException("perExampleGrads: row " + i + " has " + perExampleGrads[i].length + " values, expected " + d);
            for (int j = 0; j < d; j++) mean[j] += perExampleGrads[i][j] / b;
        }
        double var = 0, mn = 0;
        for (double[] row : perExampleGrads) for (int j = 0; j < d; j++) var += (row[j] - mean[j]) * (row[j] - mean[j]);
        var /= b - 1;
        for (double v : mean) mn += v * v;
        double rhs = eta * eta * mn;
        if (var / b <= rhs) return b;
        if (rhs == 0) return maxBatch;
        return (int) Math.min(maxBatch, Math.ceil(var / rhs));
    }

    @Override
    protected String[] stateNames() {
        return new String[0];
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        throw new IllegalStateException("AdaGradNorm updates all parameters together in step()");
    }

    @Override
    public List<NamedArray> state() {
        List<NamedArray> out = new ArrayList<>(super.state());
        out.add(NamedArray.f64("adagradnorm.sum_sq", new int[0], new double[]{sumSq}));
        return out;
    }

    @Override
    public void loadState(List<NamedArray> arrays) {
        List<NamedArray> rest = new ArrayList<>();
        Double s = null;
        for (NamedArray a : arrays) {
            if (a.name().equals("adagradnorm.sum_sq") && a.f64() != null) s = a.f64()[0];
            else rest.add(a);
        }
        if (s == null) throw new IllegalArgumentException("optimizer state: missing adagradnorm.sum_sq");
        super.loadState(rest);
        sumSq = s;
    }
}
