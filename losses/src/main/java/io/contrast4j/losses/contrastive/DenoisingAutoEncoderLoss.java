package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L134 · Denoising auto-encoder loss (TSDAE) — Wang et al., <i>TSDAE: Using Transformer-based Sequential Denoising
 * Auto-Encoder for Unsupervised Sentence Embedding Learning</i> (EMNLP Findings 2021); ST {@code DenoisingAutoEncoderLoss}.
 * The caller corrupts each sentence (ST {@code DenoisingAutoEncoderDataset}: delete each token with probability 0.6,
 * see {@link #corrupt}), encodes it to a sentence embedding e (B x D, the {@code embeddings} input) and passes the
 * original token ids (B x T, {@code token_ids}; optional 1/0 {@code token_mask}). A decoder whose only cross-attention
 * memory is e reconstructs the tokens with teacher forcing; L = mean over kept positions of −log p(token_t | tokens_{&lt;t}, e).
 * <p>Decoder (kept inside the loss as learnable parameters, since losses has no nn dependency; a one-layer stand-in
 * for ST's transformer decoder): x_t = Tok[token_{t−1}] + Pos[t] (token_{−1} = BOS); h = x + Attn_causal(x) + e·W_c
 * (cross-attention over a single memory vector: its softmax weight is 1, so it reduces to the value/output
 * projection W_c); h' = h + tanh(h·W_1 + b_1)·W_2; logits_t = h'_t·Tokᵀ (output tied to the token embedding, the
 * within-decoder analogue of ST's tie_encoder_decoder). Attn_causal(x) = softmax(QKᵀ/√D + causal mask)·V·W_o.
 * Defaults: del_ratio 0.6, hidden = 2·D, BOS id 0, init N(0, 1/D) from {@code seed}.
 */
public final class DenoisingAutoEncoderLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L134", "Denoising auto-encoder loss (TSDAE)", "contrastive", "T1",
            "Wang et al. 2021, TSDAE: Using Transformer-based Sequential Denoising Auto-Encoder for Unsupervised Sentence Embedding Learning; ST DenoisingAutoEncoderLoss",
            "L = mean_t CE(Decoder(tokens_<t, memory = enc(corrupt(x))), token_t)");
    public static final String TOKEN_IDS = "token_ids";
    public static final String TOKEN_MASK = "token_mask";
    private final int vocab, dim, maxLen, hidden, bos;
    private final Tensor tok, pos, wq, wk, wv, wo, wc, w1, b1, w2;

    public DenoisingAutoEncoderLoss(int vocab, int dim, int maxLen, int hidden, int bos, long seed, DType dtype) {
        if (vocab < 2 || dim < 1 || maxLen < 1 || hidden < 1) throw new IllegalArgumentException("L134: vocab >= 2, dim, max_len, hidden >= 1 required, got " + vocab + ", " + dim + ", " + maxLen + ", " + hidden);
        if (bos < 0 || bos >= vocab) throw new IllegalArgumentException("parameter 'bos' must be in [0, " + vocab + "), got " + bos);
        this.vocab = vocab;
        this.dim = dim;
        this.maxLen = maxLen;
        this.hidden = hidden;
        this.bos = bos;
        Rng r = new Rng(seed);
        double sd = 1 / Math.sqrt(dim);
        tok = init(r, dtype, sd, "tsdae_tok", vocab, dim);
        pos = init(r, dtype, sd, "tsdae_pos", maxLen, dim);
        wq = init(r, dtype, sd, "tsdae_Wq", dim, dim);
        wk = init(r, dtype, sd, "tsdae_Wk", dim, dim);
        wv = init(r, dtype, sd, "tsdae_Wv", dim, dim);
        wo = init(r, dtype, sd, "tsdae_Wo", dim, dim);
        wc = init(r, dtype, sd, "tsdae_Wc", dim, dim);
        w1 = init(r, dtype, sd, "tsdae_W1", dim, hidden);
        b1 = Tensor.zeros(dtype, hidden).requiresGrad(true).label("tsdae_b1");
        w2 = init(r, dtype, 1 / Math.sqrt(hidden), "tsdae_W2", hidden, dim);
    }

    private static Tensor init(Rng r, DType dt, double sd, String name, int... shape) {
        return Tensor.randn(dt, r, shape).mul(sd).detach().requiresGrad(true).label(name);
    }

    public static DenoisingAutoEncoderLoss fromParams(Params p) {
        p.checkKnown(Set.of("vocab_size", "dim", "max_len", "hidden", "bos", "seed", "dtype"));
        if (!p.has("vocab_size") || !p.has("dim")) throw new IllegalArgumentException("L134: parameters 'vocab_size' and 'dim' are required");
        int d = p.getInt("dim", 0);
        return new DenoisingAutoEncoderLoss(p.getInt("vocab_size", 0), d, p.getInt("max_len", 128), p.getInt("hidden", 2 * d),
                p.getInt("bos", 0), p.getInt("seed", 0), InfoNce.dtype(p));
    }

    /** ST's noise: delete each token with probability {@code delRatio}; keeps one random token if all were deleted. */
    public static int[] corrupt(int[] tokens, double delRatio, Rng rng) {
        if (!(delRatio >= 0 && delRatio < 1)) throw new IllegalArgumentException("del_ratio must be in [0, 1), got " + delRatio);
        if (tokens.length == 0) return tokens;
        List<Integer> kept = new ArrayList<>();
        for (int t : tokens) if (rng.nextDouble() >= delRatio) kept.add(t);
        if (kept.isEmpty()) kept.add(tokens[rng.nextInt(tokens.length)]);
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Per-position logits (B x T x V) of the decoder for memory {@code e} and target tokens {@code ids}. */
    public Tensor logits(Tensor e, int[] ids, int b, int t) {
        DType dt = e.dtype();
        int[] prev = new int[b * t];
        for (int i = 0; i < b; i++) for (int j = 0; j < t; j++) prev[i * t + j] = j == 0 ? bos : ids[i * t + j - 1];
        Tensor tk = c(tok, dt);
        Tensor x = tk.indexSelect(0, prev).reshape(b, t, dim).add(c(pos, dt).slice(0, 0, t));
        Tensor q = x.matmul(c(wq, dt)), k = x.matmul(c(wk, dt)), v = x.matmul(c(wv, dt));
        double[] mask = new double[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) mask[i * t + j] = Double.NEGATIVE_INFINITY;
        Tensor att = q.matmul(k, false, true).div(Math.sqrt(dim)).add(Tensor.of(mask, t, t).to(dt)).softmax(2);
        Tensor h = x.add(att.matmul(v).matmul(c(wo, dt))).add(e.matmul(c(wc, dt)).reshape(b, 1, dim));
        Tensor h2 = h.add(h.matmul(c(w1, dt)).add(c(b1, dt)).tanh().matmul(c(w2, dt)));
        return h2.matmul(tk, false, true);
    }

    private static Tensor c(Tensor p, DType dt) {
        return p.dtype() == dt ? p : p.to(dt);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings(), idsT = in.get(TOKEN_IDS);
        int b = e.dim(0), t = idsT.dim(1);
        if (e.dim(1) != dim) throw new IllegalArgumentException(INFO.id() + ": embeddings have D=" + e.dim(1) + " but the decoder has dim=" + dim);
        if (idsT.dim(0) != b) throw new IllegalArgumentException(INFO.id() + ": " + b + " embeddings but " + idsT.dim(0) + " token rows");
        if (t > maxLen) throw new IllegalArgumentException(INFO.id() + ": sequence length " + t + " exceeds max_len " + maxLen);
        int[] ids = idsT.toIntArray();
        for (int id : ids) if (id < 0 || id >= vocab) throw new IllegalArgumentException(INFO.id() + ": token id " + id + " outside [0, " + vocab + ")");
        double[] keep = new double[b * t];
        if (in.has(TOKEN_MASK)) {
            int[] m = in.get(TOKEN_MASK).toIntArray();
            if (m.length != b * t) throw new IllegalArgumentException(INFO.id() + ": token_mask must be " + b + " x " + t);
            for (int i = 0; i < m.length; i++) keep[i] = m[i] != 0 ? 1 : 0;
        } else {
            java.util.Arrays.fill(keep, 1);
        }
        double kept = 0;
        for (double v : keep) kept += v;
        if (kept == 0) return LossInputs.zeroLoss(e);
        Tensor ce = InfoNce.ce(logits(e, ids, b, t).reshape(b * t, vocab), ids);
        return ce.mul(Tensor.of(keep, b * t).to(e.dtype())).sum().div(kept);
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(tok, pos, wq, wk, wv, wo, wc, w1, b1, w2);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("del_ratio", "0.6", "max_len", "128", "hidden", "2*dim", "bos", "0", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "B x D", "sentence embeddings of the corrupted inputs"),
                Input.ints(TOKEN_IDS, "B x T", "original token ids"),
                Input.ints(TOKEN_MASK, "B x T", "1 = real token, 0 = padding").asOptional());
    }
}
