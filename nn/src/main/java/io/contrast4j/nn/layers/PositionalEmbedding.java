package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

import java.util.Arrays;

/**
 * Positions added to token embeddings {@code [B, T, D]}: learned (a {@code [maxLen, D]} table, N(0, 0.02²), as BERT)
 * or fixed sinusoidal (Vaswani et al. 2017: PE(p, 2i) = sin(p/10000^{2i/D}), PE(p, 2i+1) = cos(...)).
 */
public final class PositionalEmbedding extends Module {
    private final int maxLen, dim;
    private final boolean learned;
    private final Tensor table;

    private PositionalEmbedding(int maxLen, int dim, boolean learned, Tensor table) {
        if (maxLen <= 0 || dim <= 0) throw new IllegalArgumentException("PositionalEmbedding: maxLen and dim must be > 0, got " + maxLen + " x " + dim);
        this.maxLen = maxLen;
        this.dim = dim;
        this.learned = learned;
        this.table = learned ? param("weight", table) : buffer("table", table);
    }

    public static PositionalEmbedding learned(int maxLen, int dim, DType dtype, Rng rng) {
        return new PositionalEmbedding(maxLen, dim, true, Init.normal(dtype, rng, 0, 0.02, Math.max(maxLen, 1), Math.max(dim, 1)));
    }

    public static PositionalEmbedding sinusoidal(int maxLen, int dim, DType dtype) {
        double[] v = new double[maxLen * dim];
        for (int p = 0; p < maxLen; p++) {
            for (int i = 0; i < dim; i++) {
                double ang = p / Math.pow(10000, (i - (i % 2)) / (double) dim);
                v[p * dim + i] = i % 2 == 0 ? Math.sin(ang) : Math.cos(ang);
            }
        }
        return new PositionalEmbedding(maxLen, dim, false, Tensor.of(v, maxLen, dim).to(dtype));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dim) throw new IllegalArgumentException("PositionalEmbedding: input must be [B, T, " + dim + "], got " + Arrays.toString(s));
        if (s[1] > maxLen) throw new IllegalArgumentException("PositionalEmbedding: sequence length " + s[1] + " exceeds maxLen " + maxLen);
        return x.add(table.slice(0, 0, s[1]));
    }

    @Override
    protected String describe() {
        return (learned ? "LearnedPositions(" : "SinusoidalPositions(") + maxLen + ", " + dim + ")";
    }
}
