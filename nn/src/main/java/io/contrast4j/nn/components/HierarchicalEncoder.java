package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.Pooling;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerBlock;
import io.contrast4j.nn.layers.TransformerEncoder;

import java.util.Arrays;

/**
 * Hierarchical long-document encoder (catalog E18, T2; ECtHR-PCR, s003; the hierarchical-BERT layout of Chalkidis
 * et al. 2019/2022): every paragraph is encoded by a shared paragraph encoder (E03 + E01 pooling) into p_{d,j};
 * a second level aggregates a document's real paragraphs (paragraph mask) into one vector:
 * MAX = max_j p_j; MEAN = mean_j p_j; ATTENTION: a_j = softmax_j(uᵀ tanh(W p_j + b)), Σ_j a_j p_j;
 * TRANSFORMER: one pre-LN transformer block over the paragraph sequence (with learned paragraph positions), then the
 * masked mean. Input: paragraphs flattened to {@code [B·P, T]} token ids (row d·P + j = paragraph j of document d;
 * padded paragraph slots need at least one real token) and the document mask {@code [B, P]}. Default aggregation:
 * MAX. Formula follows CATALOG.md ("shared encoder, then attention/transformer or max-pool").
 */
public final class HierarchicalEncoder extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E18", "Hierarchical long-document encoder", "encoder", "T2",
            "ECtHR-PCR (s003); hierarchical BERT (Chalkidis et al. 2019)",
            "p_j = pool(enc(paragraph_j)); doc = max_j p_j | mean_j p_j | Σ_j softmax(uᵀtanh(Wp_j)) p_j | mean(Transformer(p))");

    public enum Aggregation { MAX, MEAN, ATTENTION, TRANSFORMER }

    private static final double PAD = -1e9;

    private final TransformerEncoder encoder;
    private final Pooling pooling;
    private final Aggregation aggregation;
    private final int dim, maxParagraphs;
    private final Linear attnProj;
    private final Tensor attnQuery, positions;
    private final TransformerBlock block;

    /**
     * @param maxParagraphs P (the paragraph slots per document; used for learned positions of TRANSFORMER)
     * @param heads         heads of the TRANSFORMER block (must divide the paragraph vector width)
     */
    public HierarchicalEncoder(TransformerEncoder encoder, Pooling pooling, Aggregation aggregation, int maxParagraphs, int heads, DType dtype, Rng rng) {
        this.encoder = child("encoder", encoder);
        this.pooling = child("pooling", pooling);
        this.aggregation = aggregation;
        this.dim = pooling.outputDim(encoder.dim());
        if (maxParagraphs < 1) throw new IllegalArgumentException("HierarchicalEncoder: maxParagraphs must be >= 1, got " + maxParagraphs);
        this.maxParagraphs = maxParagraphs;
        this.attnProj = aggregation == Aggregation.ATTENTION ? child("attnProj", new Linear(dim, dim, true, dtype, rng)) : null;
        this.attnQuery = aggregation == Aggregation.ATTENTION ? param("attnQuery", Tensor.randn(dtype, rng, dim).mul(1 / Math.sqrt(dim))) : null;
        this.positions = aggregation == Aggregation.TRANSFORMER ? param("positions", Tensor.randn(dtype, rng, maxParagraphs, dim).mul(0.02)) : null;
        this.block = aggregation == Aggregation.TRANSFORMER ? child("block", new TransformerBlock(dim, heads, 4 * dim, 0, dtype, rng)) : null;
    }

    public int outputDim() {
        return dim;
    }

    /** Paragraph vectors {@code [B·P, dim]}. */
    public Tensor encodeParagraphs(TokenInput paragraphs) {
        return pooling.forward(encoder.forward(paragraphs), paragraphs.mask());
    }

    /** {@code paragraphs} {@code [B·P, T]}, {@code docMask [B, P]} → {@code [B, dim]}. */
    public Tensor forward(TokenInput paragraphs, Tensor docMask) {
        if (docMask.rank() != 2) throw new IllegalArgumentException("HierarchicalEncoder: docMask must be [B, P], got " + Arrays.toString(docMask.shape()));
        int b = docMask.dim(0), p = docMask.dim(1);
        if (paragraphs.batch() != b * p) throw new IllegalArgumentException("HierarchicalEncoder: " + paragraphs.batch() + " paragraph rows for docMask [" + b + ", " + p + "] (need B·P = " + b * p + ")");
        if (p > maxParagraphs) throw new IllegalArgumentException("HierarchicalEncoder: " + p + " paragraph slots exceed maxParagraphs " + maxParagraphs);
        return aggregate(encodeParagraphs(paragraphs).reshape(b, p, dim), docMask);
    }

    /** Second level only: {@code par [B, P, dim]}, {@code docMask [B, P]} → {@code [B, dim]}. */
    public Tensor aggregate(Tensor par, Tensor docMask) {
        int b = par.dim(0), p = par.dim(1);
        Tensor m = docMask.detach().to(par.dtype());
        Tensor m3 = m.reshape(b, p, 1);
        Tensor count = m.sum(new int[]{1}, true).clampMin(1e-9);
        return switch (aggregation) {
            case MAX -> Tensor.where(m3, par, Tensor.full(par.dtype(), PAD)).max(1);
            case MEAN -> par.mul(m3).sum(1).div(count);
            case ATTENTION -> {
                Tensor e = attnProj.forward(par).tanh().matmul(attnQuery.reshape(dim, 1)).reshape(b, p);
                Tensor a = Tensor.where(m, e, Tensor.full(par.dtype(), PAD)).softmax(1);
                yield a.reshape(b, 1, p).matmul(par).reshape(b, dim);
            }
            case TRANSFORMER -> {
                Tensor h = block.forward(par.add(positions.slice(0, 0, p).reshape(1, p, dim)), m);
                yield h.mul(m3).sum(1).div(count);
            }
        };
    }

    @Override
    public Tensor forward(Tensor ids) {
        throw new UnsupportedOperationException("HierarchicalEncoder: call forward(paragraphs, docMask)");
    }

    @Override
    protected String describe() {
        return "HierarchicalEncoder(" + aggregation.name().toLowerCase(java.util.Locale.ROOT) + ", dim " + dim + ")";
    }
}
