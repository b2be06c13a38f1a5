package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L103 · Cached (GradCache) InfoNCE family — Gao et al., <i>Scaling Deep Contrastive Learning Batch Size under
 * Memory Limited Setup</i> (RepL4NLP 2021); ST {@code CachedMultipleNegativesRankingLoss},
 * {@code CachedMultipleNegativesSymmetricRankingLoss}, {@code CachedGISTEmbedLoss}; mechanism O03.
 * Identical value and gradient to the wrapped loss (L101, L102, L104, ...): {@link #forwardBackward} embeds every
 * input in chunks of {@code mini_batch_size} rows without a graph, computes the loss on leaf copies and backpropagates
 * to get ∂L/∂emb, then re-encodes each chunk with a graph and backpropagates ∂L/∂emb_chunk into the encoder.
 * On precomputed embeddings ({@link #compute}) caching is moot and the wrapped loss is computed directly.
 * Defaults: inner L101, mini_batch_size 32.
 */
public final class CachedInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L103", "Cached (GradCache) InfoNCE family", "contrastive", "T1",
            "Gao et al. 2021, Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup; ST CachedMultipleNegativesRankingLoss",
            "same L and ∂L/∂θ as the inner loss, via chunked re-encoding with cached ∂L/∂emb");
    private final Loss inner;
    private final int miniBatchSize;

    public CachedInfoNceLoss(Loss inner, int miniBatchSize) {
        if (miniBatchSize < 1) throw new IllegalArgumentException("parameter 'mini_batch_size' must be >= 1, got " + miniBatchSize);
        this.inner = inner;
        this.miniBatchSize = miniBatchSize;
    }

    /** Parameters: {@code inner} (default L101), {@code mini_batch_size}; {@code inner.*} go to the inner loss. */
    public static CachedInfoNceLoss fromParams(Params p) {
        Map<String, Object> innerParams = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("inner.")) innerParams.put(e.getKey().substring(6), e.getValue());
            else if (!Set.of("inner", "mini_batch_size", "dtype").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: inner, inner.*, mini_batch_size)");
            }
        }
        if (p.has("dtype")) innerParams.putIfAbsent("dtype", p.getString("dtype", "F32"));
        Loss in = LossRegistry.find(p.getString("inner", "L101")).factory().apply(Params.of(innerParams));
        return new CachedInfoNceLoss(in, p.getInt("mini_batch_size", 32));
    }

    @Override
    public Tensor compute(LossInputs in) {
        return inner.compute(in);
    }

    /**
     * One GradCache step: {@code features} maps embedding inputs (anchors, positives, negatives) to encoder features
     * (rows aligned with the batch; negatives B x K x ...), {@code constants} are the other inputs (masks, guide
     * scores). Gradients are accumulated into the encoder's parameters and the loss's own parameters; returns the
     * loss value.
     */
    public double forwardBackward(Encoder encoder, Map<String, Tensor> features, Map<String, Tensor> constants) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        for (var e : features.entrySet()) {
            Tensor f = flatRows(e.getValue());
            List<Tensor> parts = new ArrayList<>();
            try (var g = Grad.off()) {
                for (int s = 0; s < f.dim(0); s += miniBatchSize) parts.add(encoder.encode(f.slice(0, s, Math.min(f.dim(0), s + miniBatchSize))));
            }
            Tensor emb = Tensor.concat(parts, 0).detach();
            int[] shape = embShape(e.getValue(), emb);
            leaves.put(e.getKey(), emb.reshape(shape).detach().requiresGrad(true));
        }
        Map<String, Tensor> all = new LinkedHashMap<>(leaves);
        all.putAll(constants);
        Tensor loss = inner.compute(LossInputs.of(all));
        double value = loss.item();
        loss.backward();
        for (var e : features.entrySet()) {
            Tensor leaf = leaves.get(e.getKey());
            Tensor grad = leaf.grad();
            if (grad == null) continue;
            Tensor gflat = grad.reshape(-1, grad.dim(grad.rank() - 1));
            Tensor f = flatRows(e.getValue());
            for (int s = 0; s < f.dim(0); s += miniBatchSize) {
                int end = Math.min(f.dim(0), s + miniBatchSize);
                Tensor out = encoder.encode(f.slice(0, s, end));
                if (out.requiresGrad()) out.backward(gflat.slice(0, s, end), false);
            }
        }
        return value;
    }

    /** B x K x ... features become (B·K) x ...; others stay. */
    private static Tensor flatRows(Tensor f) {
        if (f.rank() < 3) return f;
        int[] s = f.shape();
        int[] flat = new int[s.length - 1];
        flat[0] = s[0] * s[1];
        System.arraycopy(s, 2, flat, 1, s.length - 2);
        return f.reshape(flat);
    }

    private static int[] embShape(Tensor features, Tensor emb) {
        if (features.rank() < 3) return emb.shape();
        return new int[]{features.dim(0), features.dim(1), emb.dim(emb.rank() - 1)};
    }

    public Loss inner() {
        return inner;
    }

    public int miniBatchSize() {
        return miniBatchSize;
    }

    @Override
    public List<Tensor> parameters() {
        return inner.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("inner", "L101", "mini_batch_size", "32");
    }

    @Override
    public List<Input> inputs() {
        return inner.inputs();
    }

    @Override
    public String toString() {
        return "CachedInfoNceLoss(" + inner.info().id() + ", mini_batch_size=" + miniBatchSize + ")";
    }
}
