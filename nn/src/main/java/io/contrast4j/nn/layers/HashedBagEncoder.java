package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

/**
 * A fastText-style static text encoder (catalog E04, T1; sentence-transformers StaticEmbedding / BoW /
 * WordWeights; fastText, Joulin et al. 2017): an {@link EmbeddingBag} (mean) over hashed token / n-gram bucket ids,
 * optionally weighted per id (idf-like WordWeights: Σ wᵢeᵢ / Σ wᵢ) → [hidden Linear + activation] → [output Linear]
 * → [L2 normalise]. Bag table init N(0, 1/dim). Children {@code bag, hidden, act, out}.
 */
public final class HashedBagEncoder extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E04", "Static token / bag-of-words / n-gram encoders", "encoder", "T1",
            "sentence-transformers StaticEmbedding/BoW/WordWeights; fastText (Joulin et al. 2017) hashed n-grams",
            "e = Σ w_i T[h(g_i) mod M] / Σ w_i → optional MLP");

    private final EmbeddingBag bag;
    private final Linear hidden, out;
    private final Activation act;
    private final boolean normalize;
    private final int outDim;

    /**
     * @param buckets   table size M (hashed ids must lie in [0, M))
     * @param embedDim  table width
     * @param hiddenDim hidden layer width, 0 for none
     * @param outDim    output Linear width, 0 for none (the output is then the last width)
     * @param normalize L2-normalise the output
     */
    public HashedBagEncoder(int buckets, int embedDim, int hiddenDim, int outDim, boolean normalize, DType dtype, Rng rng) {
        if (hiddenDim < 0 || outDim < 0) throw new IllegalArgumentException("HashedBagEncoder: hiddenDim and outDim must be >= 0");
        this.bag = child("bag", new EmbeddingBag(buckets, embedDim, EmbeddingBag.Mode.MEAN, 1 / Math.sqrt(embedDim), dtype, rng));
        int w = embedDim;
        if (hiddenDim > 0) {
            this.hidden = child("hidden", new Linear(w, hiddenDim, true, dtype, rng));
            this.act = child("act", Activation.relu());
            w = hiddenDim;
        } else {
            this.hidden = null;
            this.act = null;
        }
        this.out = outDim > 0 ? child("out", new Linear(w, outDim, true, dtype, rng)) : null;
        this.outDim = outDim > 0 ? outDim : w;
        this.normalize = normalize;
    }

    public int outputDim() {
        return outDim;
    }

    public Tensor forward(Bag b) {
        return forward(b, null);
    }

    /** {@code weights}: one per id (idf-like), or null. Returns {@code [bags, outputDim]}. */
    public Tensor forward(Bag b, double[] weights) {
        Tensor x = bag.forward(b, weights);
        if (hidden != null) x = act.forward(hidden.forward(x));
        if (out != null) x = out.forward(x);
        return normalize ? x.normalize(1) : x;
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("HashedBagEncoder takes a Bag (CSR ids + offsets): call forward(Bag)");
    }
}
