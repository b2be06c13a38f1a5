package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S416 · Hard-patch/token mining with a learned loss predictor, HPM (Wang et al. 2023, <i>Hard Patches Mining for
 * Masked Image Modeling</i>; <i>Bootstrap Masked Visual Modeling via Hard Patches Mining</i>). An auxiliary head
 * predicts per-token loss p_i, trained with the relative objective {@link #predictorLoss}:
 * L_pred = −mean_{i≠j}[1(ℓ_i&gt;ℓ_j) log σ(p_i − p_j) + 1(ℓ_i&lt;ℓ_j) log(1 − σ(p_i − p_j))] (ℓ detached; pairs with
 * ℓ_i = ℓ_j contribute 0). {@link #mask}: of M = round(ratio·T) masked tokens, round(α_t·M) are the top tokens by
 * predicted loss and the rest are random; α_t = α_max·min(1, t) ramps easy → hard with progress t.
 * Defaults: mask ratio 0.75, α_max 0.5.
 */
public final class HardPatchMining implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S416", "Hard-patch/token mining with a learned loss predictor (HPM)", "reweighting", "T2",
            "Wang et al. 2023, Hard Patches Mining for Masked Image Modeling",
            "L_pred = −Σ[1(ℓi>ℓj) log σ(pi−pj) + 1(ℓi<ℓj) log(1−σ(pi−pj))]; mask top α_t·M predicted + random");
    private final double ratio, alphaMax;

    public HardPatchMining(double maskRatio, double alphaMax) {
        this.ratio = Quotas.unit("S416", "mask_ratio", maskRatio);
        if (!(alphaMax >= 0 && alphaMax <= 1)) throw new IllegalArgumentException("S416: parameter 'alpha_max' must be in [0, 1], got " + alphaMax);
        this.alphaMax = alphaMax;
    }

    public HardPatchMining() {
        this(0.75, 0.5);
    }

    /** Relative loss of predicted token losses {@code pred} (T) against detached true losses (T). */
    public static Tensor predictorLoss(Tensor pred, double[] losses) {
        if (pred.rank() != 1 || pred.dim(0) != losses.length) throw new IllegalArgumentException("S416: pred must have shape [" + losses.length + "]");
        int t = losses.length;
        if (t < 2) return pred.sum().mul(0.0);
        double[] sign = new double[t * t];
        int pairs = 0;
        for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) {
            if (i == j) continue;
            sign[i * t + j] = losses[i] > losses[j] ? 1 : losses[i] < losses[j] ? -1 : 0;
            pairs++;
        }
        Tensor diff = pred.reshape(t, 1).sub(pred.reshape(1, t));
        // log σ(x) for ℓi>ℓj, log(1−σ(x)) = log σ(−x) for ℓi<ℓj: −softplus(−s·x) with s = ±1, masked by |s|
        Tensor s = Tensor.of(sign, t, t).to(pred.dtype());
        Tensor terms = diff.mul(s).neg().softplus().mul(s.abs());
        return terms.sum().div(pairs);
    }

    /** α_t = α_max·min(1, progress). */
    public double alpha(double progress) {
        if (!(progress >= 0)) throw new IllegalArgumentException("S416: parameter 'progress' must be >= 0, got " + progress);
        return alphaMax * Math.min(1, progress);
    }

    /** Masked token indices (ascending) from predicted losses at training progress t. */
    public int[] mask(double[] predicted, double progress, Rng rng) {
        int t = predicted.length;
        if (t == 0) throw new IllegalArgumentException("S416: predicted must not be empty");
        int m = (int) Math.round(ratio * t), hard = (int) Math.round(alpha(progress) * m);
        Integer[] order = new Integer[t];
        for (int i = 0; i < t; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> predicted[a] != predicted[b] ? Double.compare(predicted[b], predicted[a]) : Integer.compare(a, b));
        boolean[] taken = new boolean[t];
        for (int i = 0; i < hard; i++) taken[order[i]] = true;
        int[] rest = new int[t - hard];
        int f = 0;
        for (int i = 0; i < t; i++) if (!taken[i]) rest[f++] = i;
        rng.shuffle(rest);
        for (int i = 0; i < m - hard; i++) taken[rest[i]] = true;
        int[] out = new int[m];
        f = 0;
        for (int i = 0; i < t; i++) if (taken[i]) out[f++] = i;
        return out;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mask_ratio", String.valueOf(ratio));
        m.put("alpha_max", String.valueOf(alphaMax));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("pred", "T", "predicted per-token loss"), Input.floats("losses", "T", "true per-token losses (detached)"));
    }
}
