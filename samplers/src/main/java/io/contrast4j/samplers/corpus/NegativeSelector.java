package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * Picks up to k negatives among a row's surviving candidates (CATALOG.md §(h) common contract). Returns positions
 * into {@code c}, in the order chosen. Randomness only from {@code rng} (the miner derives it from its seed and the row).
 */
public interface NegativeSelector extends Registered {
    int[] select(QueryCandidates c, int k, Rng rng);

    String name();

    @Override
    default List<Input> inputs() {
        return List.of(Input.floats("candidate_scores", "K", "scores of the surviving candidates, best first"));
    }

    /** S201 "top": the k hardest survivors (NV-Retriever Top-K), in rank order. */
    NegativeSelector TOP = new NegativeSelector() {
        @Override
        public int[] select(QueryCandidates c, int k, Rng rng) {
            int m = Math.min(k, c.size());
            int[] out = new int[m];
            for (int i = 0; i < m; i++) out[i] = i;
            return out;
        }

        @Override
        public String name() {
            return "top";
        }

        @Override
        public CatalogInfo info() {
            return new CatalogInfo("S201", "Positive-aware hard-negative mining: top selection", "corpus-mining", "T1",
                    "NV-Retriever; ST mine_hard_negatives sampling_strategy=top", "negatives = the k highest-scoring survivors");
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of();
        }
    };

    /** S201 "random": k survivors drawn uniformly without replacement (NV-Retriever sampled Top-K), in rank order. */
    NegativeSelector RANDOM = new NegativeSelector() {
        @Override
        public int[] select(QueryCandidates c, int k, Rng rng) {
            int n = c.size(), m = Math.min(k, n);
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = 0; i < m; i++) {
                int j = i + rng.nextInt(n - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] out = java.util.Arrays.copyOf(perm, m);
            java.util.Arrays.sort(out);
            return out;
        }

        @Override
        public String name() {
            return "random";
        }

        @Override
        public CatalogInfo info() {
            return new CatalogInfo("S201", "Positive-aware hard-negative mining: random selection", "corpus-mining", "T1",
                    "NV-Retriever (sampled Top-K); ST mine_hard_negatives sampling_strategy=random", "negatives = k uniform draws among the survivors");
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of();
        }
    };
}
