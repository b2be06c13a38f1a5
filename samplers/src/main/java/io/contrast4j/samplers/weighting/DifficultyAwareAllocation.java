package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S412 · Difficulty-aware allocation of effort, DART (Tong et al. 2024, <i>DART-Math: Difficulty-Aware Rejection
 * Tuning for Mathematical Problem-Solving</i>; orig. LLM synthesis). Difficulty d_q = 1 − pass rate (port: 1 −
 * Recall@k of query q, M01). UNIFORM gives every query k units (responses to collect / mining rounds / epochs);
 * PROP2DIFF splits a total of k·Q units ∝ d_q with at most {@code cap} per query (water-filling, largest remainders),
 * so hard queries get more mining effort. Defaults: k = 4, cap = 4·k, PROP2DIFF.
 */
public final class DifficultyAwareAllocation implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S412", "Difficulty-aware allocation of effort (DART)", "reweighting", "T2",
            "Tong et al. 2024, DART-Math: Difficulty-Aware Rejection Tuning for Mathematical Problem-Solving",
            "d_q = 1 − pass rate; Uniform: k each; Prop2Diff: count ∝ d_q, capped");

    public enum Mode { UNIFORM, PROP2DIFF }

    private final int k, cap;
    private final Mode mode;

    public DifficultyAwareAllocation(int k, int cap, Mode mode) {
        if (k < 1) throw new IllegalArgumentException("S412: parameter 'k' must be >= 1, got " + k);
        if (cap < 1) throw new IllegalArgumentException("S412: parameter 'cap' must be >= 1, got " + cap);
        if (mode == null) throw new IllegalArgumentException("S412: parameter 'mode' must not be null");
        this.k = k;
        this.cap = cap;
        this.mode = mode;
    }

    public DifficultyAwareAllocation() {
        this(4, 16, Mode.PROP2DIFF);
    }

    /** Units per query from pass rates (or Recall@k) in [0, 1]. */
    public int[] allocate(double[] passRates) {
        if (passRates == null || passRates.length == 0) throw new IllegalArgumentException("S412: passRates must not be empty");
        int q = passRates.length;
        double[] d = new double[q];
        for (int i = 0; i < q; i++) {
            if (!(passRates[i] >= 0 && passRates[i] <= 1)) throw new IllegalArgumentException("S412: passRates[" + i + "] must be in [0, 1], got " + passRates[i]);
            d[i] = 1 - passRates[i];
        }
        int[] out = new int[q];
        if (mode == Mode.UNIFORM) {
            java.util.Arrays.fill(out, k);
            return out;
        }
        int[] caps = new int[q];
        java.util.Arrays.fill(caps, cap);
        double s = 0;
        for (double v : d) s += v;
        if (s == 0) return out;
        return Quotas.capped(d, caps, k * q);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", String.valueOf(k));
        m.put("cap", String.valueOf(cap));
        m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("pass_rates", "Q", "pass rate or Recall@k per query"));
    }
}
