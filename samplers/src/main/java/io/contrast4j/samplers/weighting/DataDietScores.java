package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * S404 · Data pruning by GraNd / EL2N (Paul et al. 2021, <i>Deep Learning on a Data Diet: Finding Important Examples
 * Early in Training</i>). EL2N_i = mean over runs of ‖softmax(z_i) − onehot(y_i)‖₂ (for InfoNCE: the row softmax vs
 * its target column); GraNd_i = mean over runs of the per-sample gradient norm ‖∇_θ ℓ_i‖₂ (norms supplied by the
 * trainer). {@link #prune} keeps the highest scores after dropping the very top {@code drop_top} fraction (noisy
 * examples at high pruning rates). Defaults: keep 0.5, drop_top 0.
 */
public final class DataDietScores implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S404", "Data pruning by GraNd / EL2N", "reweighting", "T2",
            "Paul et al. 2021, Deep Learning on a Data Diet: Finding Important Examples Early in Training",
            "EL2N = E‖softmax(f(x)) − onehot(y)‖₂; GraNd = E‖∇θ ℓ‖₂; keep the highest");

    /** EL2N from logits[run][i][c] and labels[i]. */
    public static double[] el2n(double[][][] logits, int[] labels) {
        if (logits == null || logits.length == 0) throw new IllegalArgumentException("S404: logits must hold at least one run");
        int n = labels.length;
        double[] out = new double[n];
        for (int run = 0; run < logits.length; run++) {
            if (logits[run].length != n) throw new IllegalArgumentException("S404: logits[" + run + "] has " + logits[run].length + " rows, expected " + n);
            for (int i = 0; i < n; i++) {
                double[] z = logits[run][i];
                if (labels[i] < 0 || labels[i] >= z.length) throw new IllegalArgumentException("S404: labels[" + i + "] = " + labels[i] + " out of range [0, " + z.length + ")");
                double m = Arrays.stream(z).max().orElseThrow(), s = 0;
                for (double v : z) s += Math.exp(v - m);
                double sq = 0;
                for (int c = 0; c < z.length; c++) {
                    double p = Math.exp(z[c] - m) / s - (c == labels[i] ? 1 : 0);
                    sq += p * p;
                }
                out[i] += Math.sqrt(sq) / logits.length;
            }
        }
        return out;
    }

    /** GraNd from per-sample gradient norms norms[run][i]. */
    public static double[] grand(double[][] norms) {
        if (norms == null || norms.length == 0) throw new IllegalArgumentException("S404: norms must hold at least one run");
        double[] out = new double[norms[0].length];
        for (double[] run : norms) {
            if (run.length != out.length) throw new IllegalArgumentException("S404: every run must have " + out.length + " norms");
            for (int i = 0; i < out.length; i++) out[i] += run[i] / norms.length;
        }
        return out;
    }

    /**
     * Indices kept (ascending): rank by score descending (ties by lower index), skip the first
     * round(dropTop·N), keep the next round(keep·N).
     */
    public static int[] prune(double[] scores, double keep, double dropTop) {
        if (!(keep > 0 && keep <= 1)) throw new IllegalArgumentException("parameter 'keep' must be in (0, 1], got " + keep);
        if (!(dropTop >= 0 && dropTop < 1)) throw new IllegalArgumentException("parameter 'drop_top' must be in [0, 1), got " + dropTop);
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        int skip = (int) Math.round(dropTop * n), k = Math.min(n - skip, (int) Math.round(keep * n));
        int[] out = new int[Math.max(0, k)];
        for (int i = 0; i < out.length; i++) out[i] = order[skip + i];
        Arrays.sort(out);
        return out;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("keep", "0.5", "drop_top", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("logits", "R x N x C", "logits per run"), Input.ints("labels", "N", "targets"));
    }
}
