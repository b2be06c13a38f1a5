package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KMeans;
import io.contrast4j.samplers.index.KMeansResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S407 · Scale-efficient training, SeTa (Zhou et al. 2025, <i>Scale Efficient Training for Large Datasets</i>).
 * Each pruning epoch: keep a random fraction r = 1 − prune_ratio (clamped to [0.1, 1]) of the samples; 1-D k-means
 * (G groups) on their latest losses; sort groups by mean loss (easy → hard); keep a window of round(G·window_scale)
 * consecutive groups starting at (iteration mod (G − window + 1)), so the window slides from easy to hard and wraps
 * (iteration 0 keeps all groups). After delta·epochs (InfoBatch-style annealing) a plain random fraction r is kept.
 * Checked against the official code (mrazhou/SeTa {@code seta.py}: {@code random_select_with_ratio},
 * {@code kmeans_group}, {@code slide_easy2hard}, {@code no_prune}). Losses start at 3 (as the official code) until
 * reported. Defaults: prune_ratio 0.1, num_group 5, window_scale 0.9, delta 0.875. Deterministic for a seed.
 */
public final class ScaleEfficientTraining implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S407", "Scale-efficient training (SeTa: random pruning + loss-cluster sliding window)", "reweighting", "T2",
            "Zhou et al. 2025, Scale Efficient Training for Large Datasets (mrazhou/SeTa)",
            "random keep r; 1-D k-means on losses, groups easy→hard; window of round(G·ws) groups slides by iteration; anneal");
    private final int n, epochs, numGroup;
    private final double keep, windowScale, delta, pruneRatio;
    private final double[] scores;
    private int iteration;

    public ScaleEfficientTraining(int n, int epochs, double pruneRatio, int numGroup, double windowScale, double delta) {
        if (n < 1) throw new IllegalArgumentException("S407: parameter 'n' must be >= 1, got " + n);
        if (epochs < 1) throw new IllegalArgumentException("S407: parameter 'epochs' must be >= 1, got " + epochs);
        if (!(pruneRatio >= 0 && pruneRatio < 1)) throw new IllegalArgumentException("S407: parameter 'prune_ratio' must be in [0, 1), got " + pruneRatio);
        if (numGroup < 1) throw new IllegalArgumentException("S407: parameter 'num_group' must be >= 1, got " + numGroup);
        Quotas.unit("S407", "window_scale", windowScale);
        if (Math.round(numGroup * windowScale) < 1) throw new IllegalArgumentException("S407: parameter 'window_scale' gives an empty window for num_group " + numGroup);
        Quotas.unit("S407", "delta", delta);
        this.n = n;
        this.epochs = epochs;
        this.pruneRatio = pruneRatio;
        this.keep = Math.min(1.0, Math.max(0.1, 1 - pruneRatio));
        this.numGroup = numGroup;
        this.windowScale = windowScale;
        this.delta = delta;
        this.scores = new double[n];
        Arrays.fill(scores, 3.0);
    }

    public ScaleEfficientTraining(int n, int epochs) {
        this(n, epochs, 0.1, 5, 0.9, 0.875);
    }

    /** Stores the latest per-sample losses of the samples {@code indices}. */
    public void update(int[] indices, double[] losses) {
        if (indices.length != losses.length) throw new IllegalArgumentException("S407: indices and losses must have equal length, got " + indices.length + " and " + losses.length);
        SampleWeighter.checkFinite("S407", losses);
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n) throw new IllegalArgumentException("S407: indices[" + k + "] = " + indices[k] + " outside [0, " + n + ")");
            scores[indices[k]] = losses[k];
        }
    }

    /** Indices (in training order) for epoch {@code epoch} (0-based, called once per epoch in order). */
    public int[] epoch(int epoch, Rng rng) {
        if (epoch < 0) throw new IllegalArgumentException("S407: parameter 'epoch' must be >= 0, got " + epoch);
        int m = (int) (n * keep);
        int[] perm = identity(n);
        rng.shuffle(perm);
        int[] picked = Arrays.copyOf(perm, m);
        if (epoch >= epochs * delta) {
            rng.shuffle(picked);
            return picked;
        }
        List<int[]> groups = groups(picked);
        int g = groups.size();
        int window = (int) Math.round(g * windowScale);
        List<int[]> sel = groups;
        if (iteration > 0 && window > 0) {
            int start = iteration % (g - window + 1);
            sel = groups.subList(start, start + window);
        }
        iteration++;
        int total = 0;
        for (int[] s : sel) total += s.length;
        int[] out = new int[total];
        int f = 0;
        for (int[] s : sel) for (int i : s) out[f++] = i;
        if (out.length == 0) out = new int[]{rng.nextInt(n)};
        rng.shuffle(out);
        return out;
    }

    /** Groups of {@code idx} by 1-D k-means on their scores, ascending mean loss (equal scores: equal chunks). */
    List<int[]> groups(int[] idx) {
        int g = Math.min(numGroup, idx.length);
        List<int[]> out = new ArrayList<>();
        if (g <= 1) {
            out.add(idx);
            return out;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i : idx) {
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        if (max == min) {
            int per = (idx.length + g - 1) / g;
            for (int s = 0; s < idx.length; s += per) out.add(Arrays.copyOfRange(idx, s, Math.min(idx.length, s + per)));
            return out;
        }
        float[] data = new float[idx.length];
        for (int k = 0; k < idx.length; k++) data[k] = (float) scores[idx[k]];
        KMeansResult r = KMeans.euclidean(g, 0).fit(data, 1);
        int[][] mem = Quotas.members(r.assignments(), r.k());
        double[] mean = new double[mem.length];
        Integer[] order = new Integer[mem.length];
        for (int c = 0; c < mem.length; c++) {
            order[c] = c;
            for (int k : mem[c]) mean[c] += scores[idx[k]] / mem[c].length;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mean[a], mean[b]));
        for (int c : order) {
            if (mem[c].length == 0) continue;
            int[] grp = new int[mem[c].length];
            for (int k = 0; k < grp.length; k++) grp[k] = idx[mem[c][k]];
            out.add(grp);
        }
        return out;
    }

    private static int[] identity(int n) {
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
        m.put("prune_ratio", String.valueOf(pruneRatio));
        m.put("num_group", String.valueOf(numGroup));
        m.put("window_scale", String.valueOf(windowScale));
        m.put("delta", String.valueOf(delta));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("losses", "N", "latest per-sample losses"));
    }
}
