package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Bag;

/**
 * The inference-free sparse query encoder of catalog E07 (sentence-transformers {@code SparseStaticEmbedding}):
 * a learnable weight per vocabulary token (initialised from given values such as idf, or 1); a query's vector is
 * q_v = w_v for every distinct token v of the query and 0 elsewhere — no network at query time. Input: CSR bags
 * of token ids; output {@code [B, V]}.
 */
public final class SparseStaticEmbedding extends Module {
    private final int vocab;
    private final Tensor weight;

    public SparseStaticEmbedding(double[] initialWeights, DType dtype) {
        this.vocab = initialWeights.length;
        if (vocab == 0) throw new IllegalArgumentException("SparseStaticEmbedding: empty vocabulary");
        this.weight = param("weight", Tensor.of(initialWeights, vocab).to(dtype));
    }

    public Tensor forward(Bag queries) {
        int b = queries.size();
        int[] ids = queries.ids(), bagOf = queries.bagOfEachId();
        double[] sel = new double[b * vocab];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) throw new IllegalArgumentException("SparseStaticEmbedding: id " + ids[i] + " at " + i + " outside [0, " + vocab + ")");
            sel[bagOf[i] * vocab + ids[i]] = 1;
        }
        return Tensor.of(sel, b, vocab).to(weight.dtype()).mul(weight);
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("SparseStaticEmbedding takes a Bag of token ids: call forward(Bag)");
    }

    @Override
    protected String describe() {
        return "SparseStaticEmbedding(" + vocab + ")";
    }
}
