package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

/**
 * Unified Embedding (catalog E05, T2; Coleman et al., NeurIPS 2023): one table T {@code [M, d]} shared by all
 * features; feature f with value v reads T[h_{f,j}(v) mod M] with a feature- and probe-specific hash (SplitMix64
 * finaliser of (v, f, j)); multi-probe: the k rows are summed or concatenated. Input: {@code long[B][F]} feature
 * values; output {@code [B, F·d]} (sum) or {@code [B, F·k·d]} (concat). Init N(0, 1/d).
 */
public final class UnifiedEmbedding extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E05", "Unified Embedding (multiplexed hashed feature table)", "encoder", "T2",
            "Coleman et al. 2023, Unified Embedding", "e_f(v) = Σ_j T[h_{f,j}(v) mod M] (or concat over j)");

    private final int rows, dim, features, probes;
    private final boolean concat;
    private final Tensor table;

    public UnifiedEmbedding(int rows, int dim, int features, int probes, boolean concat, DType dtype, Rng rng) {
        if (rows <= 0 || dim <= 0 || features <= 0 || probes <= 0) throw new IllegalArgumentException("UnifiedEmbedding: sizes must be > 0");
        this.rows = rows;
        this.dim = dim;
        this.features = features;
        this.probes = probes;
        this.concat = concat;
        this.table = param("table", Init.normal(dtype, rng, 0, 1 / Math.sqrt(dim), rows, dim));
    }

    /** The table row of value v for feature f, probe j. */
    public int bucket(long v, int f, int j) {
        long z = v * 0x9E3779B97F4A7C15L + (f + 1) * 0xBF58476D1CE4E5B9L + (j + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Long.remainderUnsigned(z, rows);
    }

    public Tensor forward(long[][] values) {
        int b = values.length;
        int[] idx = new int[b * features * probes];
        for (int i = 0; i < b; i++) {
            if (values[i].length != features) throw new IllegalArgumentException("UnifiedEmbedding: row " + i + " has " + values[i].length + " features, expected " + features);
            for (int f = 0; f < features; f++) for (int j = 0; j < probes; j++) idx[(i * features + f) * probes + j] = bucket(values[i][f], f, j);
        }
        Tensor r = table.indexSelect(0, Tensor.ofInts(idx, idx.length));
        if (concat) return r.reshape(b, features * probes * dim);
        return r.reshape(b, features, probes, dim).sum(2).reshape(b, features * dim);
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("UnifiedEmbedding takes long[B][F] feature values: call forward(long[][])");
    }

    @Override
    protected String describe() {
        return "UnifiedEmbedding(" + rows + " x " + dim + ", features=" + features + ", probes=" + probes + (concat ? ", concat)" : ", sum)");
    }
}
