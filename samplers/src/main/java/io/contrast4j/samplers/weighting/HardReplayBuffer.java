package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S418 · Class-balanced hard-sample replay, CaBaGe (Rosenthal et al. 2024, <i>CaBaGe: Data-Free Model Extraction using
 * ClAss BAlanced Generator Ensemble</i>). A replay buffer of at most {@code capacity} samples keeps the ones with the
 * highest disagreement (hardness) score seen so far (ties: earlier sample kept); {@link #sample} draws a replay batch
 * uniformly without replacement; {@link #isBalanced} accepts a batch only if its predicted labels are class-balanced:
 * every class count within {@code tolerance} of B/C. Formula not verified against the paper: follows CATALOG.md
 * ([K?]). Defaults: capacity 1024, tolerance 1.
 */
public final class HardReplayBuffer implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S418", "Class-balanced hard-sample replay (CaBaGe)", "reweighting", "T2",
            "Rosenthal et al. 2024, CaBaGe: Data-Free Model Extraction using ClAss BAlanced Generator Ensemble",
            "keep the top-capacity samples by disagreement; accept a batch iff |count_c − B/C| ≤ tol for all c");

    private record Item(int id, double score, long order) {
    }

    private final int capacity, tolerance;
    private final List<Item> items = new ArrayList<>();
    private long counter;

    public HardReplayBuffer(int capacity, int tolerance) {
        if (capacity < 1) throw new IllegalArgumentException("S418: parameter 'capacity' must be >= 1, got " + capacity);
        if (tolerance < 0) throw new IllegalArgumentException("S418: parameter 'tolerance' must be >= 0, got " + tolerance);
        this.capacity = capacity;
        this.tolerance = tolerance;
    }

    public HardReplayBuffer() {
        this(1024, 1);
    }

    /** Offers samples with their disagreement scores; the buffer keeps the hardest {@code capacity}. */
    public void offer(int[] ids, double[] disagreement) {
        if (ids.length != disagreement.length) throw new IllegalArgumentException("S418: ids and disagreement must have equal length, got " + ids.length + " and " + disagreement.length);
        SampleWeighter.checkFinite("S418", disagreement);
        for (int k = 0; k < ids.length; k++) items.add(new Item(ids[k], disagreement[k], counter++));
        items.sort(Comparator.comparingDouble((Item it) -> -it.score()).thenComparingLong(Item::order));
        while (items.size() > capacity) items.remove(items.size() - 1);
    }

    public int size() {
        return items.size();
    }

    /** Ids in the buffer, hardest first. */
    public int[] ids() {
        return items.stream().mapToInt(Item::id).toArray();
    }

    /** min(b, size) ids drawn uniformly without replacement. */
    public int[] sample(int b, Rng rng) {
        if (b < 1) throw new IllegalArgumentException("S418: parameter 'batch_size' must be >= 1, got " + b);
        int[] idx = new int[items.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        rng.shuffle(idx);
        int k = Math.min(b, idx.length);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = items.get(idx[i]).id();
        return out;
    }

    /** Whether every class count of {@code predicted} is within {@code tolerance} of B/C. */
    public boolean isBalanced(int[] predicted, int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("S418: parameter 'num_classes' must be >= 1, got " + numClasses);
        int[] c = new int[numClasses];
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= numClasses) throw new IllegalArgumentException("S418: predicted[" + i + "] = " + predicted[i] + " outside [0, " + numClasses + ")");
            c[predicted[i]]++;
        }
        double target = (double) predicted.length / numClasses;
        for (int v : c) if (Math.abs(v - target) > tolerance) return false;
        return true;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("capacity", String.valueOf(capacity));
        m.put("tolerance", String.valueOf(tolerance));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("disagreement", "N", "per-sample disagreement (hardness)"), Input.ints("predicted", "B", "predicted labels of a batch"));
    }
}
