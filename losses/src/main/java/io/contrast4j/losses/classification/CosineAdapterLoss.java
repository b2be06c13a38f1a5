package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L325 · Query-dependent relevance calibration (Cosine Adapter) — Rossi et al., <i>Relevance Filtering for
 * Embedding-based Retrieval</i> (CIKM 2024).
 * p(q, d) = σ(a(q)·cos(q, d) + b(q)) with a = softplus({@code scale_logits}) &gt; 0 and b = {@code biases} from a small
 * MLP on the query embedding (the encoder is frozen); L = mean BCE(p, {@code labels}) in softplus form. Serve hits with
 * p above a global threshold (precision at threshold, M04). {@code cosines}, {@code scale_logits}, {@code biases},
 * {@code labels}: N each (one per query–document pair; a(q), b(q) repeated per document).
 * Formula not verified against the paper: follows CATALOG.md. No parameters.
 */
public final class CosineAdapterLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L325", "Query-dependent relevance calibration (Cosine Adapter)", "classification", "T2",
            "Rossi et al. 2024, Relevance Filtering for Embedding-based Retrieval",
            "p = sigmoid(softplus(a(q)) cos(q,d) + b(q)); L = BCE(p, relevance)");
    public static final String COSINES = "cosines";
    public static final String SCALE_LOGITS = "scale_logits";
    public static final String BIASES = "biases";
    public static final String LABELS = "labels";

    public static CosineAdapterLoss fromParams(Params p) {
        p.checkKnown(Set.of("dtype"));
        return new CosineAdapterLoss();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor cos = in.get(COSINES), a = in.get(SCALE_LOGITS), b = in.get(BIASES), y = in.get(LABELS);
        for (Tensor t : List.of(a, b, y)) {
            if (!Shape.same(t.shape(), cos.shape()) || cos.rank() != 1) throw new IllegalArgumentException("L325: cosines, scale_logits, biases and labels must all have shape N, got " + Shape.str(cos.shape()) + " and " + Shape.str(t.shape()));
        }
        Tensor logit = a.softplus().mul(cos).add(b);
        return y.mul(logit.neg().softplus()).add(y.affine(-1, 1).mul(logit.softplus())).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(COSINES, "N", "cos(q, d) from the frozen encoder"), Input.floats(SCALE_LOGITS, "N", "raw a(q); a = softplus"),
                Input.floats(BIASES, "N", "b(q)"), Input.floats(LABELS, "N", "relevance in [0, 1]"));
    }
}
