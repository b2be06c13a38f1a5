package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.ModuleList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mixture of experts with enforced or learned routing and the global-batch load-balancing loss (catalog E15, T2;
 * <i>Contrastive Learning and Mixture of Experts Enables Precise Vector Embeddings</i>, 2024 (enforced routing);
 * Qiu et al., <i>Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized
 * Mixture-of-Expert Models</i>, 2025 (global-batch LBL); Fedus et al. 2022 (Switch top-1 routing)).
 * <ul>
 * <li>Enforced routing ({@link #forwardEnforced}): row i goes to expert e_i (e.g. its domain label), no gate.</li>
 * <li>Learned routing ({@link #route}): p = softmax(x·W_gᵀ) over the N_E experts; each row goes to its top-k
 * experts (the selection is frozen) and y = Σ_{e∈topk} p_e·expert_e(x) (weights not renormalised, as Switch).</li>
 * <li>LBL = N_E Σ_i f_i·p̄_i with p̄_i the micro-batch mean gate probability and f_i (a constant) the fraction of
 * routed (token, slot) pairs that chose expert i over the <b>global</b> batch: accumulate {@link Routed#counts}
 * (or the gate-only {@link #countRoutes}) of every micro-batch of a step in an {@link ExpertCounts} and pass its
 * {@link ExpertCounts#frequencies()}; with one micro-batch this is the usual Switch loss (1 at perfect balance).</li>
 * </ul>
 * Defaults: top-k 1, gate without bias, LBL coefficient chosen by the caller (0.01 typical). The LBL formula was
 * checked against the Qiu et al. abstract (N_E Σ f_i p_i); the enforced-routing part follows CATALOG.md
 * (formula not verified against the paper).
 */
public final class MixtureOfExperts extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E15", "Enforced-routing mixture of experts + global-batch load balancing", "encoder", "T2",
            "Contrastive Learning and Mixture of Experts Enables Precise Vector Embeddings (2024); Qiu et al. 2025, Demons in the Detail (global-batch LBL)",
            "y = Σ_{e∈topk} softmax(W_g x)_e expert_e(x) (or the domain's expert); LBL = N_E Σ_i f_i p̄_i, f global and detached");

    private final ModuleList<Module> experts = new ModuleList<>();
    private final Linear gate;
    private final int topK;

    /** Gate output of a learned-routing pass: output {@code [N, out]}, gate probabilities {@code [N, E]}, per-expert route counts. */
    public record Routed(Tensor output, Tensor probs, int[] counts) {
    }

    public MixtureOfExperts(int dim, List<? extends Module> experts, int topK, DType dtype, Rng rng) {
        if (experts.isEmpty()) throw new IllegalArgumentException("MixtureOfExperts: no experts");
        if (topK < 1 || topK > experts.size()) throw new IllegalArgumentException("MixtureOfExperts: topK must be in [1, " + experts.size() + "], got " + topK);
        for (Module e : experts) this.experts.add(e);
        child("experts", this.experts);
        this.gate = child("gate", new Linear(dim, experts.size(), false, dtype, rng));
        this.topK = topK;
    }

    public int numExperts() {
        return experts.size();
    }

    public Linear gate() {
        return gate;
    }

    public Module expert(int e) {
        return experts.get(e);
    }

    /** Row i to expert {@code expert[i]} (enforced routing). */
    public Tensor forwardEnforced(Tensor x, int[] expert) {
        if (x.rank() != 2 || x.dim(0) != expert.length) throw new IllegalArgumentException("MixtureOfExperts: x must be [" + expert.length + ", D] for " + expert.length + " expert ids, got " + Arrays.toString(x.shape()));
        int[][] choice = new int[expert.length][1];
        for (int i = 0; i < expert.length; i++) {
            if (expert[i] < 0 || expert[i] >= experts.size()) throw new IllegalArgumentException("MixtureOfExperts: expert id " + expert[i] + " at row " + i + " outside [0, " + experts.size() + ")");
            choice[i][0] = expert[i];
        }
        return dispatch(x, choice, null);
    }

    /** Learned top-k routing. */
    public Routed route(Tensor x) {
        if (x.rank() != 2) throw new IllegalArgumentException("MixtureOfExperts: x must be [N, D], got " + Arrays.toString(x.shape()));
        Tensor probs = gate.forward(x).softmax(1);
        int[][] choice = choose(probs);
        int n = x.dim(0);
        int[] flat = new int[n * topK];
        for (int i = 0; i < n; i++) for (int s = 0; s < topK; s++) flat[i * topK + s] = choice[i][s];
        Tensor w = probs.gather(1, Tensor.ofInts(flat, n, topK)); // [N, k]
        return new Routed(dispatch(x, choice, w), probs, counts(choice));
    }

    /** Route counts of {@code x} from the gate alone (no graph), for the global-batch frequencies. */
    public int[] countRoutes(Tensor x) {
        try (var g = Grad.off()) {
            return counts(choose(gate.forward(x.detach()).softmax(1)));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return route(x).output();
    }

    private int[][] choose(Tensor probs) {
        int n = probs.dim(0);
        int[] idx = probs.detach().topk(topK, true).toIntArray();
        int[][] c = new int[n][topK];
        for (int i = 0; i < n; i++) System.arraycopy(idx, i * topK, c[i], 0, topK);
        return c;
    }

    private int[] counts(int[][] choice) {
        int[] c = new int[experts.size()];
        for (int[] row : choice) for (int e : row) c[e]++;
        return c;
    }

    /** Runs each expert on its rows once; {@code w [N, k]} scales slot contributions (null = 1). */
    private Tensor dispatch(Tensor x, int[][] choice, Tensor w) {
        int n = choice.length, k = choice[0].length;
        List<Tensor> pieces = new ArrayList<>();
        int[] position = new int[n * k]; // (row, slot) -> index into the concatenated pieces
        int at = 0;
        Tensor wFlat = w == null ? null : w.reshape(n * k, 1);
        for (int e = 0; e < experts.size(); e++) {
            List<Integer> rows = new ArrayList<>(), slots = new ArrayList<>();
            for (int i = 0; i < n; i++) for (int s = 0; s < k; s++) if (choice[i][s] == e) {
                rows.add(i);
                slots.add(i * k + s);
            }
            if (rows.isEmpty()) continue;
            int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
            int[] sl = slots.stream().mapToInt(Integer::intValue).toArray();
            Tensor y = experts.get(e).forward(x.indexSelect(0, Tensor.ofInts(r, r.length)));
            if (y.rank() != 2) throw new IllegalArgumentException("MixtureOfExperts: expert " + e + " returned shape " + Arrays.toString(y.shape()) + ", expected [n, out]");
            if (wFlat != null) y = y.mul(wFlat.indexSelect(0, Tensor.ofInts(sl, sl.length)));
            for (int j = 0; j < sl.length; j++) position[sl[j]] = at + j;
            at += sl.length;
            pieces.add(y);
        }
        Tensor all = pieces.size() == 1 ? pieces.get(0) : Tensor.concat(pieces, 0);
        Tensor ordered = all.indexSelect(0, Tensor.ofInts(position, position.length));
        return k == 1 ? ordered : ordered.reshape(n, k, -1).sum(1);
    }

    /** LBL = N_E Σ_i f_i·mean_rows(probs[:, i]) with {@code frequencies} f (constants, e.g. {@link ExpertCounts#frequencies()}). */
    public static Tensor loadBalancingLoss(Tensor probs, double[] frequencies) {
        if (probs.rank() != 2 || probs.dim(1) != frequencies.length) throw new IllegalArgumentException("loadBalancingLoss: probs must be [N, " + frequencies.length + "], got " + Arrays.toString(probs.shape()));
        Tensor f = Tensor.of(frequencies, frequencies.length).to(probs.dtype());
        return probs.mean(0).mul(f).sum().mul(frequencies.length);
    }

    /** Expert route counts accumulated over the micro-batches of one step (the global batch). */
    public static final class ExpertCounts {
        private final long[] counts;

        public ExpertCounts(int experts) {
            if (experts <= 0) throw new IllegalArgumentException("ExpertCounts: experts must be > 0, got " + experts);
            counts = new long[experts];
        }

        public ExpertCounts add(int[] c) {
            if (c.length != counts.length) throw new IllegalArgumentException("ExpertCounts: " + c.length + " counts for " + counts.length + " experts");
            for (int i = 0; i < c.length; i++) counts[i] += c[i];
            return this;
        }

        /** f_i = count_i / Σ counts (all 0 before any route). */
        public double[] frequencies() {
            long total = 0;
            for (long c : counts) total += c;
            double[] f = new double[counts.length];
            for (int i = 0; i < f.length; i++) f[i] = total == 0 ? 0 : counts[i] / (double) total;
            return f;
        }

        /** Starts a new global batch. */
        public void reset() {
            Arrays.fill(counts, 0);
        }
    }
}
