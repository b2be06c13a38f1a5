package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.metric.MetricLoss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L143 · Self-supervised pairing wrapper — PML {@code SelfSupervisedLoss}.
 * Two views (embeddings E, ref_embeddings E_ref, row-aligned) get labels arange(N) each; symmetric (default): the
 * inner label-based loss runs on concat([E, E_ref]) with labels concat(arange, arange); otherwise on E with labels
 * arange and the reference set E_ref with ref labels arange.
 * Defaults: symmetric true; the inner loss must take embeddings + labels (e.g. L001, L003, L011, L110).
 */
public final class SelfSupervisedLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L143", "Self-supervised pairing wrapper", "contrastive", "T1",
            "PML SelfSupervisedLoss", "L = L_inner(concat[E, E_ref], concat[arange(N), arange(N)])");
    private final Loss inner;
    private final boolean symmetric;

    public SelfSupervisedLoss(Loss inner, boolean symmetric) {
        boolean labelled = inner.inputs().stream().anyMatch(i -> i.name().equals(LossInputs.LABELS));
        if (!labelled) throw new IllegalArgumentException("L143: inner loss " + inner.info().id() + " does not take labels");
        if (!symmetric && inner.inputs().stream().noneMatch(i -> i.name().equals(MetricLoss.REF_EMBEDDINGS))) {
            throw new IllegalArgumentException("L143: symmetric=false needs an inner loss with ref_embeddings; " + inner.info().id() + " has none");
        }
        this.inner = inner;
        this.symmetric = symmetric;
    }

    /** Parameters: {@code inner} (loss ID, default L110), {@code symmetric}; {@code inner.*} go to the inner loss. */
    public static SelfSupervisedLoss fromParams(Params p) {
        Map<String, Object> innerParams = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("inner.")) innerParams.put(e.getKey().substring(6), e.getValue());
            else if (!Set.of("inner", "symmetric", "dtype").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: inner, inner.*, symmetric)");
            }
        }
        Loss in = LossRegistry.find(p.getString("inner", "L110")).factory().apply(Params.of(innerParams));
        return new SelfSupervisedLoss(in, p.getBoolean("symmetric", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings(), r = in.get(MetricLoss.REF_EMBEDDINGS);
        if (e.rank() != 2 || r.rank() != 2 || e.dim(0) != r.dim(0) || e.dim(1) != r.dim(1)) {
            throw new IllegalArgumentException("L143: embeddings and ref_embeddings must both be N x D, got "
                    + java.util.Arrays.toString(e.shape()) + " and " + java.util.Arrays.toString(r.shape()));
        }
        int n = e.dim(0);
        int[] lab = InfoNce.arange(n);
        if (symmetric) {
            int[] both = new int[2 * n];
            for (int i = 0; i < 2 * n; i++) both[i] = i % n;
            return inner.compute(LossInputs.of(Tensor.concat(List.of(e, r), 0), both));
        }
        return inner.compute(LossInputs.of(e, lab).with(MetricLoss.REF_EMBEDDINGS, r).with(MetricLoss.REF_LABELS, Tensor.ofInts(lab, n)));
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
        return Map.of("symmetric", "true", "inner", "L110");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "first view embeddings"),
                Input.floats(MetricLoss.REF_EMBEDDINGS, "N x D", "second view embeddings, row-aligned"));
    }
}
