package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S111 · Cross-batch memory (Wang et al., <i>Cross-Batch Memory for Embedding Learning</i>; pytorch-metric-learning
 * {@code CrossBatchMemory}); a MoCo-style FIFO queue of detached embeddings.
 *
 * <p>Rule: a ring buffer of size M holds detached embeddings and labels. Each step enqueues the batch (or only the
 * rows flagged by the optional {@code enqueue_mask} input, which are then removed from the query side), then runs
 * the inner loss with the remaining batch as queries and the filled part of the memory as {@code ref}; the tuple is
 * all batch-vs-memory pairs (S100) or the optional miner's output, with the self-comparisons (row i vs its own
 * just-enqueued slot) removed when no mask is given. The memory is a constant for gradients. Deviation: PML's
 * optional user tuple (concatenated as is) is not supported. Defaults: memory_size 1024.
 */
public final class CrossBatchMemory implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("S111", "Cross-batch memory", "miner", "T1",
            "Cross-Batch Memory for Embedding Learning; pytorch-metric-learning CrossBatchMemory; MoCo queue",
            "loss(batch, ref = FIFO memory of detached embeddings), self-comparisons removed");
    public static final String ENQUEUE_MASK = "enqueue_mask";

    private final Loss inner;
    private final Miner miner;
    private final int memorySize;
    private double[][] memEmb;
    private final int[] memLabels;
    private int queueIdx;
    private boolean filled;

    /** @param miner optional (null: all batch-vs-memory pairs) */
    public CrossBatchMemory(Loss inner, int memorySize, Miner miner) {
        if (inner == null) throw new IllegalArgumentException("S111: an inner loss is required");
        if (memorySize <= 0) throw new IllegalArgumentException("S111: parameter 'memory_size' must be > 0, got " + memorySize);
        if (inner.inputs().stream().noneMatch(i -> i.name().equals(MetricLoss.REF_EMBEDDINGS))) {
            throw new IllegalArgumentException("S111: inner loss " + inner.info().id() + " does not take reference embeddings");
        }
        this.inner = inner;
        this.miner = miner;
        this.memorySize = memorySize;
        this.memEmb = new double[memorySize][];
        this.memLabels = new int[memorySize];
    }

    /** Number of filled memory slots. */
    public int filledSlots() {
        return filled ? memorySize : queueIdx;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Tensor emb = in.embeddings();
        int[] labels = in.labels();
        if (emb.rank() != 2 || labels.length != emb.dim(0)) {
            throw new IllegalArgumentException("S111: embeddings must be N x D with N labels, got shape " + java.util.Arrays.toString(emb.shape()) + " and " + labels.length + " labels");
        }
        int n = emb.dim(0), d = emb.dim(1);
        int[] mask = in.has(ENQUEUE_MASK) ? in.get(ENQUEUE_MASK).toIntArray() : null;
        if (mask != null && mask.length != n) throw new IllegalArgumentException("S111: enqueue_mask has " + mask.length + " entries for " + n + " embeddings");
        List<Integer> enq = new ArrayList<>(), query = new ArrayList<>();
        for (int i = 0; i < n; i++) (mask == null || mask[i] != 0 ? enq : query).add(i);
        if (mask == null) query = enq;
        if (enq.size() > memorySize) throw new IllegalArgumentException("S111: " + enq.size() + " rows to enqueue exceed memory_size=" + memorySize);
        if (memEmb[0] != null && memEmb[0].length != d) throw new IllegalArgumentException("S111: embedding dimension changed from " + memEmb[0].length + " to " + d);
        double[] flat;
        try (Grad.Scope g = Grad.off()) {
            flat = emb.toDoubleArray();
        }
        int[] slot = new int[enq.size()];
        for (int k = 0; k < enq.size(); k++) {
            int i = enq.get(k);
            slot[k] = (queueIdx + k) % memorySize;
            memEmb[slot[k]] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            memLabels[slot[k]] = labels[i];
        }
        int prev = queueIdx;
        queueIdx = (queueIdx + enq.size()) % memorySize;
        if (!filled && enq.size() > 0 && queueIdx <= prev) filled = true;
        int m = filledSlots();
        double[] mem = new double[m * d];
        for (int s = 0; s < m; s++) System.arraycopy(memEmb[s], 0, mem, s * d, d);
        Tensor ref = Tensor.of(mem, m, d).to(emb.dtype());
        int[] refLabels = java.util.Arrays.copyOf(memLabels, m);
        int[] qIdx = query.stream().mapToInt(Integer::intValue).toArray();
        Tensor q = mask == null ? emb : emb.indexSelect(0, qIdx);
        int[] qLabels = new int[qIdx.length];
        for (int k = 0; k < qIdx.length; k++) qLabels[k] = labels[qIdx[k]];
        IndicesTuple tuple;
        try (Grad.Scope g = Grad.off()) {
            tuple = miner != null ? miner.mine(q, qLabels, ref, refLabels) : IndicesTuple.allPairs(qLabels, refLabels, false);
        }
        if (mask == null) tuple = TupleConversions.removeSelfComparisons(tuple, slot);
        LossInputs li = LossInputs.of(q, qLabels).with(MetricLoss.REF_EMBEDDINGS, ref)
                .with(MetricLoss.REF_LABELS, Tensor.ofInts(refLabels, refLabels.length)).withMined(tuple);
        return inner.compute(li);
    }

    @Override
    public List<Tensor> parameters() {
        return inner.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("memory_size", "1024");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"), Input.ints(LossInputs.LABELS, "N", "class labels"),
                Input.ints(ENQUEUE_MASK, "N", "1 = enqueue this row (and drop it from the queries)").asOptional());
    }
}
