package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S408 · Repeated random subsets, RS2 (Okanovic et al. 2023, <i>Repeated Random Sampling for Minimizing the
 * Time-to-Accuracy of Learning</i>): each epoch trains on r·N examples drawn at random. Without replacement (default):
 * walk one random permutation in consecutive chunks of ⌈r·N⌉, drawing a new permutation when it runs out, so every
 * example is seen once before any repeats; with replacement: an independent draw (without duplicates) per epoch.
 * The mandatory baseline for every selection scheme in (j). Deterministic for a seed; epochs must be requested in
 * order 0, 1, 2, ... for the without-replacement walk. Defaults: r = 0.1, without replacement.
 */
public final class RepeatedRandomSubsets implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S408", "Repeated random subsets (RS2) baseline", "reweighting", "T2",
            "Okanovic et al. 2023, Repeated Random Sampling for Minimizing the Time-to-Accuracy of Learning",
            "epoch e trains on r·N random indices (chunks of a permutation, or fresh draws)");
    private final int n;
    private final double r;
    private final boolean withReplacement;
    private final Rng rng;
    private final long seed;
    private int[] perm;
    private int pos;
    private int nextEpoch;

    public RepeatedRandomSubsets(int n, double r, boolean withReplacement, long seed) {
        if (n < 1) throw new IllegalArgumentException("parameter 'n' must be >= 1, got " + n);
        if (!(r > 0 && r <= 1)) throw new IllegalArgumentException("parameter 'r' must be in (0, 1], got " + r);
        this.n = n;
        this.r = r;
        this.withReplacement = withReplacement;
        this.seed = seed;
        this.rng = new Rng(seed);
    }

    public int subsetSize() {
        return (int) Math.ceil(r * n);
    }

    /** Indices (ascending) for the next epoch; {@code epoch} must be the next one in order. */
    public int[] epoch(int epoch) {
        if (epoch != nextEpoch) throw new IllegalArgumentException("parameter 'epoch' must be " + nextEpoch + " (epochs in order), got " + epoch);
        nextEpoch++;
        int k = subsetSize();
        int[] out = new int[k];
        if (withReplacement) {
            int[] p = identity();
            rng.shuffle(p);
            System.arraycopy(p, 0, out, 0, k);
        } else {
            boolean[] taken = new boolean[n];
            for (int i = 0; i < k; i++) {
                if (perm == null || pos == n) {
                    perm = identity();
                    rng.shuffle(perm);
                    // examples already in this epoch's subset go to the end of the new walk (no duplicates)
                    int[] front = new int[n];
                    int f = 0;
                    for (int v : perm) if (!taken[v]) front[f++] = v;
                    for (int v : perm) if (taken[v]) front[f++] = v;
                    perm = front;
                    pos = 0;
                }
                out[i] = perm[pos++];
                taken[out[i]] = true;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private int[] identity() {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("r", String.valueOf(r));
        m.put("with_replacement", String.valueOf(withReplacement));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("n", "scalar", "dataset size"));
    }
}
