package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.samplers.miners.HdcMiner;
import io.contrast4j.samplers.miners.Miner;

import java.util.ArrayList;
import java.util.List;

/**
 * O08 · PML {@code CascadedEmbeddings} (Yuan et al., <i>Hard-Aware Deeply Cascaded Embedding</i>): the embedding is
 * split into consecutive slices {@code e_k = e[:, o_k : o_k + d_k]}; stage k mines {@code t_k = miner_k(sg(e_k), y)}
 * (an {@link HdcMiner} (S108) filters the previous stage's tuple {@code t_{k-1}} instead, PML
 * {@code set_idx_externally}), then {@code L = Σ_k metric_k(e_k, y, t_k) + w_c · Σ_k CE(e_k·W_kᵀ, y)} over the
 * stages that have a classifier. Slices are consecutive (PML's offset update {@code s = size} is not followed);
 * the slice sizes must add up to the embedding dimension. A stage without miner uses all tuples (and passes
 * null on). Default classifier weight 1.
 */
public final class CascadedEmbeddings {
    private final int[] sizes;
    private final List<Loss> losses;
    private final List<Miner> miners;
    private final List<ClassifierHead> heads;
    private final double classifierWeight;

    /**
     * @param sizes   slice sizes, in order
     * @param losses  one metric loss per slice
     * @param miners  one miner per slice; entries may be null (no mining)
     * @param heads   one classifier per slice, entries may be null; the list itself may be null (no classifiers)
     */
    public CascadedEmbeddings(int[] sizes, List<Loss> losses, List<Miner> miners, List<ClassifierHead> heads, double classifierWeight) {
        if (sizes == null || sizes.length == 0) throw new IllegalArgumentException("O08: at least one embedding slice size is required");
        for (int s : sizes) if (s <= 0) throw new IllegalArgumentException("O08: slice sizes must be > 0, got " + s);
        if (losses == null || losses.size() != sizes.length) throw new IllegalArgumentException("O08: one metric loss per slice is required (" + sizes.length + " slices)");
        if (miners == null || miners.size() != sizes.length) throw new IllegalArgumentException("O08: one miner (or null) per slice is required (" + sizes.length + " slices)");
        if (heads != null && heads.size() != sizes.length) throw new IllegalArgumentException("O08: one classifier (or null) per slice is required (" + sizes.length + " slices)");
        for (Loss l : losses) if (l == null) throw new IllegalArgumentException("O08: a slice's metric loss is null");
        if (!Double.isFinite(classifierWeight) || classifierWeight < 0) throw new IllegalArgumentException("O08: classifier weight must be >= 0, got " + classifierWeight);
        this.sizes = sizes.clone();
        this.losses = List.copyOf(losses);
        this.miners = new ArrayList<>(miners);
        this.heads = heads == null ? null : new ArrayList<>(heads);
        this.classifierWeight = classifierWeight;
    }

    /** The slices of the embedding, on the graph. */
    public List<Tensor> slices(Tensor embeddings) {
        int total = 0;
        for (int s : sizes) total += s;
        if (embeddings.rank() != 2 || embeddings.dim(1) != total) {
            throw new IllegalArgumentException("O08: embeddings must be N x " + total + " (sum of slice sizes), got dimension "
                    + (embeddings.rank() == 2 ? embeddings.dim(1) : -1));
        }
        List<Tensor> out = new ArrayList<>();
        int off = 0;
        for (int s : sizes) {
            out.add(embeddings.narrow(1, off, s));
            off += s;
        }
        return out;
    }

    /** The tuple of each stage (null where a stage has no miner); HDC stages filter the previous stage's tuple. */
    public List<IndicesTuple> mine(Tensor embeddings, int[] labels) {
        List<Tensor> sl = slices(embeddings.detach());
        List<IndicesTuple> out = new ArrayList<>();
        IndicesTuple prev = null;
        for (int k = 0; k < sizes.length; k++) {
            Miner m = miners.get(k);
            IndicesTuple t;
            if (m == null) t = null;
            else if (m instanceof HdcMiner h && prev != null) t = h.filter(sl.get(k), labels, null, null, prev);
            else t = m.mine(sl.get(k), labels);
            out.add(t);
            prev = t;
        }
        return out;
    }

    /** The summed loss with given (e.g. frozen) stage tuples. */
    public Tensor loss(Tensor embeddings, int[] labels, List<IndicesTuple> tuples) {
        if (tuples.size() != sizes.length) throw new IllegalArgumentException("O08: " + tuples.size() + " stage tuples for " + sizes.length + " slices");
        List<Tensor> sl = slices(embeddings);
        Tensor total = null;
        for (int k = 0; k < sizes.length; k++) {
            LossInputs in = LossInputs.of(sl.get(k), labels);
            Tensor l = losses.get(k).compute(tuples.get(k) == null ? in : in.withMined(tuples.get(k)));
            if (heads != null && heads.get(k) != null) l = l.add(heads.get(k).loss(sl.get(k), labels).mul(classifierWeight));
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    public Tensor compute(Tensor embeddings, int[] labels) {
        return loss(embeddings, labels, mine(embeddings, labels));
    }
}
