package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

/**
 * A pre-LN Transformer encoder block (Xiong et al. 2020): h = x + Drop(MHA(LN₁(x), mask));
 * y = h + Drop(W₂·Drop(GELU(W₁·LN₂(h)))). Children {@code ln1, attn, ln2, ffn} (ffn = Sequential of Linear d→ff,
 * GELU, [Dropout], Linear ff→d).
 */
public final class TransformerBlock extends Module {
    private final LayerNorm ln1, ln2;
    private final MultiHeadSelfAttention attn;
    private final Sequential ffn;
    private final Dropout drop;

    public TransformerBlock(int dModel, int heads, int ffDim, double dropout, DType dtype, Rng rng) {
        this.ln1 = child("ln1", new LayerNorm(dModel, dtype));
        this.attn = child("attn", new MultiHeadSelfAttention(dModel, heads, dropout, dtype, rng));
        this.ln2 = child("ln2", new LayerNorm(dModel, dtype));
        Sequential f = new Sequential(new Linear(dModel, ffDim, true, dtype, rng), Activation.gelu());
        if (dropout > 0) f.add(new Dropout(dropout, rng.split()));
        f.add(new Linear(ffDim, dModel, true, dtype, rng));
        this.ffn = child("ffn", f);
        this.drop = dropout > 0 ? child("dropout", new Dropout(dropout, rng.split())) : null;
    }

    public MultiHeadSelfAttention attention() {
        return attn;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null);
    }

    public Tensor forward(Tensor x, Tensor mask) {
        return forward(x, mask, null);
    }

    /** {@code x [B, T, D]}, {@code mask [B, T]} or null, {@code bias} extra attention logits or null. */
    public Tensor forward(Tensor x, Tensor mask, Tensor bias) {
        Tensor a = attn.forward(ln1.forward(x), mask, bias);
        Tensor h = x.add(drop == null ? a : drop.forward(a));
        Tensor f = ffn.forward(ln2.forward(h));
        return h.add(drop == null ? f : drop.forward(f));
    }
}
