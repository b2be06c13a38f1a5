package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L211 · Mann–Whitney (AUC) loss — <i>Optimizing What Matters: AUC-Driven Learning for Robust Neural Retrieval</i>
 * (2025); macro-AUC surrogate of Wu et al., <i>Towards Understanding Generalization of Macro-AUC in Multi-label
 * Learning</i> (ICML 2023).
 * {@code pooled} (default): P and N pooled over the whole score matrix ({@code scores} B x C, {@code labels} &gt; 0.5
 * positive, label ≤ −0.5 or mask 0 padding, else negative), L = (1/|P||N|) Σ_{p∈P, n∈N} softplus(−(s_p − s_n)/τ).
 * {@code macro}: the same per column k (label k of a multi-label batch, rows = samples), averaged over columns that
 * have both a positive and a negative: L = (1/K) Σ_k (1/|P_k||N_k|) Σ φ(f_k(x_i) − f_k(x_j)).
 * Pooling across queries: formula not verified against the paper: follows CATALOG.md.
 * Defaults: τ = 1, mode pooled.
 */
public final class AucLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L211", "Mann-Whitney (AUC) loss", "ranking", "T2",
            "Optimizing What Matters: AUC-Driven Learning for Robust Neural Retrieval; Wu et al. 2023, Towards Understanding Generalization of Macro-AUC in Multi-label Learning",
            "L = 1/(|P||N|) sum_{p,n} softplus(-(s_p - s_n)/tau)");
    private final double tau;
    private final boolean macro;

    public AucLoss(double tau, boolean macro) {
        this.tau = tau;
        this.macro = macro;
    }

    public static AucLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "mode", "dtype"));
        String m = p.getString("mode", "pooled").toLowerCase(Locale.ROOT);
        if (!m.equals("pooled") && !m.equals("macro")) throw new IllegalArgumentException("parameter 'mode' must be pooled or macro, got '" + m + "'");
        return new AucLoss(p.getPositive("temperature", 1), m.equals("macro"));
    }

    /** Mean over (p, n) of softplus(−(s_p − s_n)/τ) for the given positive/negative position lists of a flat score vector; null when either is empty. */
    private Tensor pairMean(Tensor flat, int[] pos, int[] neg) {
        if (pos.length == 0 || neg.length == 0) return null;
        Tensor sp = flat.indexSelect(0, pos).reshape(pos.length, 1), sn = flat.indexSelect(0, neg).reshape(1, neg.length);
        return sn.sub(sp).div(tau).softplus().mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
        boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
        double[] yh = Lists.host(y);
        int b = s.dim(0), c = s.dim(1);
        Tensor flat = s.reshape(b * c);
        if (!macro) {
            int[][] pn = split(yh, valid, b, c, -1);
            Tensor l = pairMean(flat, pn[0], pn[1]);
            return l == null ? LossInputs.zeroLoss(s) : l;
        }
        Tensor total = null;
        int cols = 0;
        for (int k = 0; k < c; k++) {
            int[][] pn = split(yh, valid, b, c, k);
            Tensor l = pairMean(flat, pn[0], pn[1]);
            if (l == null) continue;
            total = total == null ? l : total.add(l);
            cols++;
        }
        return total == null ? LossInputs.zeroLoss(s) : total.div(cols);
    }

    /** Flat positions of the positives and negatives (all columns when col &lt; 0, else that column only). */
    private static int[][] split(double[] y, boolean[][] valid, int b, int c, int col) {
        int[] pos = new int[b * c], neg = new int[b * c];
        int np = 0, nn = 0;
        for (int i = 0; i < b; i++)
            for (int j = 0; j < c; j++) {
                if ((col >= 0 && j != col) || !valid[i][j]) continue;
                if (y[i * c + j] > 0.5) pos[np++] = i * c + j;
                else neg[nn++] = i * c + j;
            }
        return new int[][]{java.util.Arrays.copyOf(pos, np), java.util.Arrays.copyOf(neg, nn)};
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "1", "mode", "pooled");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Input.floats(Lists.LABELS, "B x C", "1 positive / 0 negative; <= -0.5 = padding"), Lists.maskInput());
    }
}
