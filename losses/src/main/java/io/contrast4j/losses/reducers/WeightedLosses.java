package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R10 · Weighted combination of losses — PML {@code MultipleLosses(losses, miners, weights)}, GE2E MultiReader
 * Σ_k α_k L(D_k), DJL {@code CompositeLoss}: L = Σ_k w_k · L_k(inputs). Embedding regularisers are losses of the
 * embeddings and join the sum the same way (PML weight 1). Each loss sees only the inputs it declares, so losses with
 * different layouts can share one input set; mined tuples are passed through. Default weights 1.
 */
public final class WeightedLosses implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("R10", "Weighted combination of losses", "reducer", "T1",
            "PML MultipleLosses; GE2E MultiReader; DJL CompositeLoss", "L = Σ_k w_k·L_k");
    private final List<Loss> losses;
    private final double[] weights;

    public WeightedLosses(List<Loss> losses) {
        this(losses, ones(losses.size()));
    }

    public WeightedLosses(List<Loss> losses, double[] weights) {
        if (losses.isEmpty()) throw new IllegalArgumentException("WeightedLosses: needs at least one loss");
        if (weights.length != losses.size()) throw new IllegalArgumentException("WeightedLosses: " + losses.size() + " losses but " + weights.length + " weights");
        this.losses = List.copyOf(losses);
        this.weights = weights.clone();
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Tensor total = null;
        for (int k = 0; k < losses.size(); k++) {
            Loss l = losses.get(k);
            Map<String, Tensor> mine = new LinkedHashMap<>();
            for (Input i : l.inputs()) if (in.has(i.name())) mine.put(i.name(), in.get(i.name()));
            Tensor v = l.compute(LossInputs.of(mine).withMined(in.mined())).mul(weights[k]);
            total = total == null ? v : total.add(v);
        }
        return total;
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (Loss l : losses) ps.addAll(l.parameters());
        return ps;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("weights", "1");
    }

    @Override
    public List<Input> inputs() {
        Map<String, Input> m = new LinkedHashMap<>();
        for (Loss l : losses) for (Input i : l.inputs()) m.putIfAbsent(i.name(), i);
        return new ArrayList<>(m.values());
    }
}
