package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L116 · Compositional NLL / moving-average denominator (SogCLR-style) — <i>Learning Unnormalized Statistical Models via
 * Compositional Optimization</i> (s003); SogCLR (Yuan et al., ICML 2022, repo Optimization-AI/SogCLR).
 * Per anchor i with f_ij = sim(a_i, c_j)/τ over the in-batch candidates c = positives: g_i = mean_{j≠i} e^{f_ij − f_ii};
 * state u_i ← (1 − γ)u_i + γ·sg(g_i) (u starts at 0, as in the SogCLR reference code); surrogate
 * L = mean_i g_i / sg(u_i), whose gradient is that of mean_i log E_j e^{f_ij − f_ii} with the denominator replaced by
 * the moving average — unbiased-ish small-batch InfoNCE.
 * <p><b>State:</b> u (one value per dataset example, {@code dataset_size}), addressed by the {@code indices} input
 * (B ints). It is updated only in training mode ({@link #training(boolean)}, default on), before the loss is formed.
 * An optional {@code state} input (B) supplies u_i for this call without touching the stored state (used by the
 * registry gradient check; it then enters as a plain input).
 * Defaults: τ = 0.1, γ = 0.9 (SogCLR reference code; catalog [K?] γ ≈ 0.9 confirmed by the code found), cosine.
 */
public final class SogClrLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L116", "Moving-average denominator InfoNCE (SogCLR)", "contrastive", "T2",
            "Learning Unnormalized Statistical Models via Compositional Optimization (s003); SogCLR (Yuan et al. 2022)",
            "u_i ← (1−γ)u_i + γ g_i; L = mean_i g_i / sg(u_i), g_i = mean_{j≠i} e^{(s_ij − s_ii)/τ}");
    public static final String INDICES = "indices";
    public static final String STATE = "state";
    private final double tau, gamma;
    private final double[] u;
    private final Similarity sim;
    private boolean training = true;

    public SogClrLoss(int datasetSize, double tau, double gamma, Similarity sim) {
        if (datasetSize < 1) throw new IllegalArgumentException("parameter 'dataset_size' must be >= 1, got " + datasetSize);
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("parameter 'gamma' must be in (0, 1], got " + gamma);
        this.u = new double[datasetSize];
        this.tau = tau;
        this.gamma = gamma;
        this.sim = sim;
    }

    public static SogClrLoss fromParams(Params p) {
        p.checkKnown(Set.of("dataset_size", "temperature", "gamma", "similarity", "training", "dtype"));
        if (!p.has("dataset_size")) throw new IllegalArgumentException("L116: parameter 'dataset_size' is required");
        return new SogClrLoss(p.getInt("dataset_size", 0), p.getPositive("temperature", 0.1), p.getDouble("gamma", 0.9),
                Similarity.parse(p.getString("similarity", "cos"))).training(p.getBoolean("training", true));
    }

    public SogClrLoss training(boolean on) {
        this.training = on;
        return this;
    }

    /** A copy of the per-example state u. */
    public double[] state() {
        return u.clone();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, p, null);
        int b = a.dim(0);
        if (b < 2) throw new IllegalArgumentException(INFO.id() + ": needs B >= 2 (in-batch negatives)");
        Tensor f = sim.matrix(a, p).div(tau);
        Tensor diag = InfoNce.pickTargets(f, InfoNce.arange(b));
        double[] off = new double[b * b];
        for (int i = 0; i < b * b; i++) off[i] = i / b == i % b ? 0 : 1.0 / (b - 1);
        Tensor g = f.sub(diag.reshape(b, 1)).exp().mul(Tensor.of(off, b, b).to(f.dtype())).sum(new int[]{1}, false);
        Tensor uu;
        if (in.has(STATE)) {
            uu = in.get(STATE);
            if (uu.numel() != b) throw new IllegalArgumentException(INFO.id() + ": 'state' must have " + b + " entries, got " + uu.numel());
            uu = uu.reshape(b).to(f.dtype());
        } else {
            int[] idx = in.get(INDICES).toIntArray();
            if (idx.length != b) throw new IllegalArgumentException(INFO.id() + ": " + b + " rows but " + idx.length + " indices");
            for (int v : idx) if (v < 0 || v >= u.length) throw new IllegalArgumentException(INFO.id() + ": index " + v + " outside [0, " + u.length + ")");
            double[] gv = g.detach().toDoubleArray();
            if (training) for (int i = 0; i < b; i++) u[idx[i]] = (1 - gamma) * u[idx[i]] + gamma * gv[i];
            double[] cur = new double[b];
            for (int i = 0; i < b; i++) {
                cur[i] = u[idx[i]];
                if (!(cur[i] > 0)) throw new IllegalArgumentException(INFO.id() + ": state u[" + idx[i] + "] is " + cur[i] + " (eval mode before any training call?)");
            }
            uu = Tensor.of(cur, b).to(f.dtype());
        }
        return g.div(uu).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "gamma", "0.9", "similarity", "cos", "training", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "anchor embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "positive embeddings (other rows are negatives)"),
                Input.ints(INDICES, "B", "dataset index of each row (addresses the state u)").asOptional(),
                Input.floats(STATE, "B", "u_i for this call (no update)").asOptional());
    }
}
