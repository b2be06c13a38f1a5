package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.List;

/**
 * A bidirectional pre-LN Transformer encoder (catalog E03): token embedding (N(0, 0.02²)) + positions (learned or
 * sinusoidal) → dropout → N {@link TransformerBlock}s with the padding mask → final LayerNorm. Outputs token states
 * {@code [B, T, D]} (pool them with {@link Pooling}); {@link #forwardLayers} exposes every layer for E09.
 * Children: {@code tok, pos, blocks.{i}, norm}. Also usable as a small cross-encoder over "[q] [SEP] [d]".
 */
public final class TransformerEncoder extends Module {
    public static final io.contrast4j.autograd.registry.CatalogInfo INFO = new io.contrast4j.autograd.registry.CatalogInfo("E03",
            "Bidirectional transformer encoder", "encoder", "T1", "Vaswani et al. 2017; pre-LN (Xiong et al. 2020); KaLM-V2 bidirectional",
            "pre-LN blocks: x + MHA(LN(x), padding mask); x + FFN(LN(x)); learned or sinusoidal positions");

    private final TransformerConfig cfg;
    private final Embedding tok;
    private final PositionalEmbedding pos;
    private final ModuleList<TransformerBlock> blocks;
    private final LayerNorm norm;
    private final Dropout drop;

    public TransformerEncoder(TransformerConfig cfg, DType dtype, Rng rng) {
        this.cfg = cfg;
        this.tok = child("tok", new Embedding(cfg.vocab(), cfg.dModel(), 0.02, dtype, rng));
        this.pos = child("pos", cfg.sinusoidal() ? PositionalEmbedding.sinusoidal(cfg.maxLen(), cfg.dModel(), dtype)
                : PositionalEmbedding.learned(cfg.maxLen(), cfg.dModel(), dtype, rng));
        this.drop = cfg.dropout() > 0 ? child("dropout", new Dropout(cfg.dropout(), rng.split())) : null;
        ModuleList<TransformerBlock> bl = new ModuleList<>();
        for (int i = 0; i < cfg.layers(); i++) bl.add(new TransformerBlock(cfg.dModel(), cfg.heads(), cfg.ffDim(), cfg.dropout(), dtype, rng));
        this.blocks = child("blocks", bl);
        this.norm = child("norm", new LayerNorm(cfg.dModel(), dtype));
    }

    public TransformerConfig config() {
        return cfg;
    }

    public Embedding tokenEmbedding() {
        return tok;
    }

    public int dim() {
        return cfg.dModel();
    }

    /** Token ids {@code [B, T]} with an all-ones mask. */
    @Override
    public Tensor forward(Tensor ids) {
        return forward(TokenInput.of(ids));
    }

    /** Token states {@code [B, T, D]}. */
    public Tensor forward(TokenInput in) {
        return forwardEmbedded(embed(in.ids()), in.mask(), null);
    }

    /** Token + position embeddings {@code [B, T, D]} (before the blocks). */
    public Tensor embed(Tensor ids) {
        if (ids.rank() != 2) throw new IllegalArgumentException("TransformerEncoder: ids must be [B, T], got rank " + ids.rank());
        Tensor x = pos.forward(tok.forward(ids));
        return drop == null ? x : drop.forward(x);
    }

    /**
     * Runs the blocks and the final norm on already embedded inputs {@code [B, T, D]} (used by soft prompts E12
     * and soft causal masks E13). {@code bias}: extra attention logits or null.
     */
    public Tensor forwardEmbedded(Tensor x, Tensor mask, Tensor bias) {
        for (TransformerBlock b : blocks.asList()) x = b.forward(x, mask, bias);
        return norm.forward(x);
    }

    /** Every layer's token states: [embeddings, block 1, ..., block N (final-normed)]; size N + 1. */
    public List<Tensor> forwardLayers(TokenInput in) {
        List<Tensor> out = new ArrayList<>();
        Tensor x = embed(in.ids());
        out.add(x);
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, in.mask(), null);
            out.add(i == blocks.size() - 1 ? norm.forward(x) : x);
        }
        if (blocks.size() == 0) out.set(0, norm.forward(x));
        return out;
    }

    @Override
    protected String describe() {
        return "TransformerEncoder(vocab=" + cfg.vocab() + ", d=" + cfg.dModel() + ", heads=" + cfg.heads() + ", layers=" + cfg.layers() + ", ff=" + cfg.ffDim() + ")";
    }
}
