package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

import java.util.Arrays;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017), bidirectional:
 * softmax(Q·Kᵀ/√d_h + bias)·V per head, heads concatenated and projected by W_o. Q, K, V are three Linear layers
 * ({@code wq, wk, wv}, Xavier-uniform as PyTorch's MultiheadAttention in_proj, zero bias), W_o is {@code wo}.
 * The padding mask {@code [B, T]} (1 = real) adds −1e9 to the logits of padded keys (never −∞, so a fully padded
 * row stays finite); the heads run as one batched matmul over {@code [B·H, T, T]}. Optional dropout on the
 * attention weights (default 0).
 */
public final class MultiHeadSelfAttention extends Module {
    /** Added to the attention logits of padded keys. */
    public static final double MASK_VALUE = -1e9;

    private final int dModel, heads, headDim;
    private final Linear wq, wk, wv, wo;
    private final Dropout attnDropout;

    public MultiHeadSelfAttention(int dModel, int heads, DType dtype, Rng rng) {
        this(dModel, heads, 0, dtype, rng);
    }

    public MultiHeadSelfAttention(int dModel, int heads, double attnDropout, DType dtype, Rng rng) {
        if (heads <= 0 || dModel <= 0 || dModel % heads != 0) throw new IllegalArgumentException("MultiHeadSelfAttention: dModel " + dModel + " must be a positive multiple of heads " + heads);
        this.dModel = dModel;
        this.heads = heads;
        this.headDim = dModel / heads;
        this.wq = child("wq", projection(dtype, rng));
        this.wk = child("wk", projection(dtype, rng));
        this.wv = child("wv", projection(dtype, rng));
        this.wo = child("wo", new Linear(dModel, dModel, true, dtype, rng));
        this.attnDropout = attnDropout > 0 ? child("dropout", new Dropout(attnDropout, rng.split())) : null;
    }

    private Linear projection(DType dtype, Rng rng) {
        Linear l = new Linear(dModel, dModel, true, dtype, rng, Init.xavierUniform(1.0));
        l.bias().assign(Tensor.zeros(dtype, dModel).storage());
        return l;
    }

    /** Additive attention bias {@code [B, 1, 1, T]} from a padding mask {@code [B, T]}: 0 for real keys, −1e9 for pads. */
    public static Tensor maskBias(Tensor mask, DType dtype) {
        int[] s = mask.shape();
        return mask.detach().to(dtype).sub(1.0).mul(-MASK_VALUE).reshape(s[0], 1, 1, s[1]);
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null);
    }

    public Tensor forward(Tensor x, Tensor mask) {
        return forward(x, mask, null);
    }

    /**
     * @param x     {@code [B, T, D]}
     * @param mask  {@code [B, T]} padding mask or null
     * @param bias  extra additive logits broadcastable to {@code [B, H, T, T]} (e.g. a soft causal mask, E13) or null
     * @return {@code [B, T, D]}
     */
    public Tensor forward(Tensor x, Tensor mask, Tensor bias) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dModel) throw new IllegalArgumentException("MultiHeadSelfAttention: input must be [B, T, " + dModel + "], got " + Arrays.toString(s));
        int b = s[0], t = s[1];
        if (mask != null && !Arrays.equals(mask.shape(), new int[]{b, t})) throw new IllegalArgumentException("MultiHeadSelfAttention: mask must be [" + b + ", " + t + "], got " + Arrays.toString(mask.shape()));
        Tensor x2 = x.reshape(b * t, dModel);
        Tensor q = heads(wq.forward(x2), b, t), k = heads(wk.forward(x2), b, t), v = heads(wv.forward(x2), b, t);
        Tensor logits = q.matmul(k, false, true).mul(1 / Math.sqrt(headDim)).reshape(b, heads, t, t);
        if (mask != null) logits = logits.add(maskBias(mask, x.dtype()));
        if (bias != null) logits = logits.add(bias);
        Tensor att = logits.softmax(3).reshape(b * heads, t, t);
        if (attnDropout != null) att = attnDropout.forward(att);
        Tensor ctx = att.matmul(v).reshape(b, heads, t, headDim).permute(0, 2, 1, 3).reshape(b * t, dModel);
        return wo.forward(ctx).reshape(b, t, dModel);
    }

    private Tensor heads(Tensor y, int b, int t) {
        return y.reshape(b, t, heads, headDim).permute(0, 2, 1, 3).reshape(b * heads, t, headDim);
    }

    public int heads() {
        return heads;
    }

    @Override
    protected String describe() {
        return "MultiHeadSelfAttention(d=" + dModel + ", heads=" + heads + ")";
    }
}
