package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

/**
 * Sum or mean of table rows over CSR bags (PyTorch nn.EmbeddingBag): rows = W[ids] (indexSelect), then a segment
 * sum into {@code [bags, dim]} by scatterAdd along axis 0 with each id's bag index. Optional per-id weights w give
 * Σ wᵢ·W[idᵢ] (sum) or Σ wᵢ·W[idᵢ] / Σ wᵢ (mean; idf-like weighted mean of ST WordWeights). Empty bags give zeros.
 * Init N(0, 1) as PyTorch.
 */
public final class EmbeddingBag extends Module {
    public enum Mode { SUM, MEAN }

    private final int num, dim;
    private final Mode mode;
    private final Tensor weight;

    public EmbeddingBag(int num, int dim, Mode mode, DType dtype, Rng rng) {
        this(num, dim, mode, 1.0, dtype, rng);
    }

    public EmbeddingBag(int num, int dim, Mode mode, double std, DType dtype, Rng rng) {
        if (num <= 0 || dim <= 0) throw new IllegalArgumentException("EmbeddingBag: num and dim must be > 0, got " + num + " x " + dim);
        this.num = num;
        this.dim = dim;
        this.mode = mode;
        this.weight = param("weight", Init.normal(dtype, rng, 0, std, num, dim));
    }

    public Tensor weight() {
        return weight;
    }

    public int dim() {
        return dim;
    }

    public Tensor forward(Bag bag) {
        return forward(bag, null);
    }

    /** {@code weights}: one per id (null = all 1). */
    public Tensor forward(Bag bag, double[] weights) {
        int[] ids = bag.ids();
        int n = ids.length, bags = bag.size();
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] >= num) throw new IllegalArgumentException("EmbeddingBag: id " + ids[i] + " at " + i + " outside [0, " + num + ")");
        }
        if (weights != null && weights.length != n) throw new IllegalArgumentException("EmbeddingBag: " + weights.length + " weights for " + n + " ids");
        DType dt = weight.dtype();
        if (n == 0) return Tensor.zeros(dt, bags, dim);
        Tensor rows = weight.indexSelect(0, Tensor.ofInts(ids, n));
        if (weights != null) rows = rows.mul(Tensor.of(weights, n, 1).to(dt));
        int[] bagOf = bag.bagOfEachId();
        int[] idx = new int[n * dim];
        for (int i = 0; i < n; i++) java.util.Arrays.fill(idx, i * dim, (i + 1) * dim, bagOf[i]);
        Tensor sum = Tensor.zeros(dt, bags, dim).scatterAdd(0, Tensor.ofInts(idx, n, dim), rows);
        if (mode == Mode.SUM) return sum;
        double[] denom = new double[bags];
        for (int i = 0; i < n; i++) denom[bagOf[i]] += weights == null ? 1 : weights[i];
        for (int b = 0; b < bags; b++) denom[b] = denom[b] == 0 ? 0 : 1 / denom[b];
        return sum.mul(Tensor.of(denom, bags, 1).to(dt));
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("EmbeddingBag takes a Bag (CSR ids + offsets): call forward(Bag)");
    }

    @Override
    protected String describe() {
        return "EmbeddingBag(" + num + ", " + dim + ", " + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
