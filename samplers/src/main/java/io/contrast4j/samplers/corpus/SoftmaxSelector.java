package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Arrays;
import java.util.Map;

/**
 * S213 · Curriculum negative sampling of CoRNStack (Suresh et al., <i>CoRNStack: High-Quality Contrastive Data for
 * Better Code Ranking</i>): negatives drawn without replacement from the surviving top candidates with
 * p(d) ∝ exp(s(q,d)/τ), τ lowered over training (easy → hard) through {@link #withTemperature}. Sampling in float64
 * (Gumbel top-k: argtop-k of s/τ + Gumbel noise, equivalent to sequential sampling without replacement).
 * Default τ = 0.05. Formula not verified against the paper: follows CATALOG.md ([K?]); the consistency filter half
 * of S213 is {@link ConsistencyFilter}.
 */
public final class SoftmaxSelector implements NegativeSelector {
    public static final CatalogInfo INFO = new CatalogInfo("S213", "Curriculum negative sampling (CoRNStack softmax sampling)", "corpus-mining", "T2",
            "Suresh et al. 2024, CoRNStack: High-Quality Contrastive Data for Better Code Ranking",
            "sample k without replacement with p(d) ∝ exp(s(q,d)/τ), τ annealed");
    private final double temperature;

    public SoftmaxSelector(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("parameter 'temperature' must be > 0 and finite, got " + temperature);
        }
        this.temperature = temperature;
    }

    public double temperature() {
        return temperature;
    }

    public SoftmaxSelector withTemperature(double t) {
        return new SoftmaxSelector(t);
    }

    /** Linear annealing τ(step) from {@code start} to {@code end} over {@code steps} steps (then constant). */
    public static double annealed(double start, double end, int step, int steps) {
        if (steps <= 0) throw new IllegalArgumentException("parameter 'steps' must be > 0, got " + steps);
        double f = Math.min(1.0, Math.max(0, step) / (double) steps);
        return start + f * (end - start);
    }

    @Override
    public int[] select(QueryCandidates c, int k, Rng rng) {
        int n = c.size(), m = Math.min(k, n);
        double[] key = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u <= 0);
            key[i] = c.scores()[i] / temperature - Math.log(-Math.log(u));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = order[i];
        return out;
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", String.valueOf(temperature));
    }
}
