package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

import java.util.Arrays;

/**
 * SPLADE max pooling (catalog E07, T1; sentence-transformers sparse {@code SpladePooling}; Formal et al. 2021):
 * w_v = max_t m_t·log(1 + relu(logit_{t,v})) over the real tokens of MLM logits {@code [B, T, V]} → {@code [B, V]}.
 * Since log(1 + relu(·)) ≥ 0, multiplying by the mask removes padded tokens exactly. {@link #topK} prunes an
 * output to its k largest weights (ST {@code max_active_dims}). See {@link SparseStaticEmbedding} for the
 * inference-free query side.
 */
public final class SpladePooling extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E07", "SPLADE pooling and sparse static (inference-free) query encoder", "encoder", "T1",
            "Formal et al. 2021 (SPLADE v2); sentence-transformers SpladePooling, SparseStaticEmbedding",
            "w_v = max_t log(1 + relu(logit_tv)); static query: q_v = idf-like weight of token v");

    /** {@code logits [B, T, V]}, {@code mask [B, T]}. */
    public Tensor forward(Tensor logits, Tensor mask) {
        int[] s = logits.shape();
        if (s.length != 3 || !Arrays.equals(mask.shape(), new int[]{s[0], s[1]})) throw new IllegalArgumentException("SpladePooling: logits [B, T, V] and mask [B, T] expected, got " + Arrays.toString(s) + " and " + Arrays.toString(mask.shape()));
        Tensor m = mask.detach().to(logits.dtype()).reshape(s[0], s[1], 1);
        return logits.relu().log1p().mul(m).max(1);
    }

    @Override
    public Tensor forward(Tensor logits) {
        return forward(logits, Tensor.ones(logits.dtype(), logits.dim(0), logits.dim(1)));
    }

    /** Keeps the k largest entries of each row of {@code [B, V]}, zeroing the rest (gradient flows to the kept ones). */
    public static Tensor topK(Tensor w, int k) {
        Tensor idx = w.detach().topk(k, true);
        Tensor keep = Tensor.zeros(w.dtype(), w.shape()).scatterAdd(1, idx, Tensor.ones(w.dtype(), idx.shape()));
        return w.mul(keep);
    }

    @Override
    protected String describe() {
        return "SpladePooling";
    }
}
