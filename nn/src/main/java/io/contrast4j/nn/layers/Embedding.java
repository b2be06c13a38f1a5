package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

import java.util.Arrays;

/**
 * A lookup table {@code weight [num, dim]}: I32 ids of any shape S give S + [dim]. Default init N(0, 1) (PyTorch
 * nn.Embedding); transformer token tables usually pass std 0.02.
 */
public final class Embedding extends Module {
    private final int num, dim;
    private final Tensor weight;

    public Embedding(int num, int dim, DType dtype, Rng rng) {
        this(num, dim, 1.0, dtype, rng);
    }

    public Embedding(int num, int dim, double std, DType dtype, Rng rng) {
        if (num <= 0 || dim <= 0) throw new IllegalArgumentException("Embedding: num and dim must be > 0, got " + num + " x " + dim);
        this.num = num;
        this.dim = dim;
        this.weight = param("weight", Init.normal(dtype, rng, 0, std, num, dim));
    }

    public Tensor weight() {
        return weight;
    }

    public int num() {
        return num;
    }

    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor ids) {
        if (ids.dtype() != DType.I32) throw new IllegalArgumentException("Embedding: ids must be I32, got " + ids.dtype());
        int[] s = ids.shape();
        Tensor rows = weight.indexSelect(0, ids.rank() == 1 ? ids : ids.reshape(-1));
        int[] out = Arrays.copyOf(s, s.length + 1);
        out[s.length] = dim;
        return rows.reshape(out);
    }

    @Override
    protected String describe() {
        return "Embedding(" + num + ", " + dim + ")";
    }
}
