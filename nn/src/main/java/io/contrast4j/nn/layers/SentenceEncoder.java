package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/**
 * A text embedding model: {@link TransformerEncoder} → {@link Pooling} → [projection head] → [L2 normalise].
 * {@link #forward(TokenInput, int)} returns a Matryoshka prefix of the output. Children {@code encoder, pooling,
 * head}.
 */
public final class SentenceEncoder extends Module {
    private final TransformerEncoder encoder;
    private final Pooling pooling;
    private final Module head;
    private final boolean normalize;
    private final int outDim;

    /** {@code head}: a module mapping pooled vectors (width {@code pooling.outputDim(d)}) to {@code outDim}, or null. */
    public SentenceEncoder(TransformerEncoder encoder, Pooling pooling, Module head, int outDim, boolean normalize) {
        this.encoder = child("encoder", encoder);
        this.pooling = child("pooling", pooling);
        this.head = head == null ? null : child("head", head);
        int pooled = pooling.outputDim(encoder.dim());
        if (head == null && outDim != pooled) throw new IllegalArgumentException("SentenceEncoder: without a head the output width is " + pooled + ", not " + outDim);
        this.outDim = outDim;
        this.normalize = normalize;
    }

    public TransformerEncoder encoder() {
        return encoder;
    }

    public int outputDim() {
        return outDim;
    }

    @Override
    public Tensor forward(Tensor ids) {
        return forward(TokenInput.of(ids));
    }

    /** Sentence embeddings {@code [B, outDim]}. */
    public Tensor forward(TokenInput in) {
        Tensor p = pooling.forward(encoder.forward(in), in.mask());
        if (head != null) p = head.forward(p);
        return normalize ? p.normalize(1) : p;
    }

    /** The first {@code dims} coordinates (Matryoshka), re-normalised when this model normalises. */
    public Tensor forward(TokenInput in, int dims) {
        return Matryoshka.truncate(forward(in), dims, normalize);
    }

    @Override
    protected String describe() {
        return "SentenceEncoder(out=" + outDim + (normalize ? ", normalized)" : ")");
    }
}
