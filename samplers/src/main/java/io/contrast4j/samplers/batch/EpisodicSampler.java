package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S011 · Episodic N-way K-shot sampler (few-shot episodes as in SuSana, <i>Enforcing class separability in metric
 * learning via two novel distance-based loss functions for few-shot image classification</i>; evaluation M16).
 *
 * <p>Rule: per episode sample N distinct classes and, per class, K support + Q query samples without replacement.
 * A batch (episode) is laid out class by class: for class c (c = 0..N−1) positions
 * {@code c·(K+Q) .. c·(K+Q)+K−1} are its support samples and the next Q its queries ({@link #isSupport(int)}).
 * Every class must have at least K + Q samples. Defaults: n_way 5, k_shot 1, q_query 5, episodes 100.
 */
public final class EpisodicSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S011", "Episodic N-way K-shot sampler", "batch-sampler", "T2",
            "SuSana (Proto-Triplet/ICNN) few-shot episodes", "per episode: N classes, K support + Q query samples each"),
            Map.of("n_way", "5", "k_shot", "1", "q_query", "5", "episodes", "100"),
            List.of(Input.ints("labels", "N", "class labels")));

    private final int[][] classes;
    private final int nWay, kShot, qQuery, episodes;

    public EpisodicSampler(int[] labels, int nWay, int kShot, int qQuery, int episodes) {
        super(SPEC, SamplerChecks.notNull("S011", "labels", labels).length);
        this.nWay = SamplerChecks.positive("S011", "n_way", nWay);
        this.kShot = SamplerChecks.positive("S011", "k_shot", kShot);
        if (qQuery < 0) throw new IllegalArgumentException("S011: parameter 'q_query' must be >= 0, got " + qQuery);
        this.qQuery = qQuery;
        this.episodes = SamplerChecks.positive("S011", "episodes", episodes);
        TreeMap<Integer, int[]> byLabel = SamplerChecks.byLabel(labels);
        if (byLabel.size() < nWay) throw new IllegalArgumentException("S011: n_way=" + nWay + " but the data has " + byLabel.size() + " classes");
        for (Map.Entry<Integer, int[]> e : byLabel.entrySet()) {
            if (e.getValue().length < kShot + qQuery) {
                throw new IllegalArgumentException("S011: class " + e.getKey() + " has " + e.getValue().length + " samples but k_shot + q_query = "
                        + (kShot + qQuery) + " (lower k_shot or q_query)");
            }
        }
        classes = byLabel.values().toArray(new int[0][]);
    }

    /** Whether position {@code pos} of an episode holds a support sample (else a query). */
    public boolean isSupport(int pos) {
        return pos % (kShot + qQuery) < kShot;
    }

    /** The episode class (0..N−1) of position {@code pos}. */
    public int wayOf(int pos) {
        return pos / (kShot + qQuery);
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int per = kShot + qQuery;
        int[] all = new int[classes.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        List<int[]> out = new ArrayList<>(episodes);
        for (int e = 0; e < episodes; e++) {
            int[] chosen = SamplerChecks.choose(all, nWay, rng);
            int[] batch = new int[nWay * per];
            for (int c = 0; c < nWay; c++) System.arraycopy(SamplerChecks.choose(classes[chosen[c]], per, rng), 0, batch, c * per, per);
            out.add(batch);
        }
        return out;
    }
}
