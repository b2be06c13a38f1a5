package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.contrastive.InfoNce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L222 · SPLADE sparse retrieval with FLOPS regularisation — Formal et al., <i>SPLADE</i> (SIGIR 2021); Paria et al.,
 * <i>Minimizing FLOPs to Learn Efficient Sparse Representations</i> (ICLR 2020); ST-SP {@code SpladeLoss},
 * {@code FlopsLoss} and the Sparse* wrappers (= the dense losses on sparse vectors).
 * L = L_base + λ_d·FLOPS(document columns: positives, negatives) + λ_q·FLOPS(query column: anchors);
 * FLOPS(W) = Σ_t (mean_b w_bt)²; with {@code threshold}, rows with L0 ≤ threshold are zeroed before the mean (ST);
 * {@code document_regularizer_only} applies λ_d to every column, queries included (inference-free setting).
 * The inputs are the vocabulary-sized sparse vectors (E07) in ST columns. The IDF-aware inference-free query side is
 * an encoder concern (E07), not part of this loss.
 * Defaults: base L101 with dot similarity and scale 1 (ST-SP SparseMultipleNegativesRankingLoss), λ_d required,
 * λ_q off, no threshold.
 */
public final class SpladeLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L222", "SPLADE sparse retrieval with FLOPS regularisation", "ranking", "T1",
            "Formal et al. 2021, SPLADE; Paria et al. 2020, Minimizing FLOPs to Learn Efficient Sparse Representations; ST-SP SpladeLoss, FlopsLoss",
            "L = L_base + lambda_d FLOPS(docs) + lambda_q FLOPS(queries), FLOPS(W) = sum_t (mean_b w_bt)^2");
    private final Loss base;
    private final double lambdaD, lambdaQ;
    private final int threshold;
    private final boolean documentOnly;

    public SpladeLoss(Loss base, double lambdaD, double lambdaQ, int threshold, boolean documentOnly) {
        if (!(lambdaD >= 0) || !(lambdaQ >= 0)) throw new IllegalArgumentException("L222: regularizer weights must be >= 0");
        this.base = base;
        this.lambdaD = lambdaD;
        this.lambdaQ = lambdaQ;
        this.threshold = threshold;
        this.documentOnly = documentOnly;
    }

    /** Parameters: {@code document_regularizer_weight} (required), {@code query_regularizer_weight}, {@code threshold}, {@code document_regularizer_only}, {@code base} (loss ID), {@code base.*}. */
    public static SpladeLoss fromParams(Params p) {
        Map<String, Object> bp = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("base.")) bp.put(e.getKey().substring(5), e.getValue());
            else if (!Set.of("base", "document_regularizer_weight", "query_regularizer_weight", "threshold", "document_regularizer_only", "dtype").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: base, base.*, document_regularizer_weight, query_regularizer_weight, threshold, document_regularizer_only)");
            }
        }
        if (!p.has("document_regularizer_weight")) throw new IllegalArgumentException("L222: parameter 'document_regularizer_weight' is required (e.g. 3e-5)");
        String baseId = p.getString("base", "L101");
        if (baseId.equalsIgnoreCase("L101")) {
            bp.putIfAbsent("similarity", "dot");
            if (!bp.containsKey("temperature")) bp.putIfAbsent("scale", "1");
        }
        if (p.has("dtype")) bp.putIfAbsent("dtype", p.getString("dtype", "F32"));
        Loss base = LossRegistry.find(baseId).factory().apply(Params.of(bp));
        return new SpladeLoss(base, p.getDouble("document_regularizer_weight", 0), p.getDouble("query_regularizer_weight", 0),
                p.getInt("threshold", -1), p.getBoolean("document_regularizer_only", false));
    }

    /** FLOPS(W) = Σ_t (mean_b w_bt)² of an N x V matrix, rows with L0 ≤ threshold zeroed when threshold ≥ 0. */
    public Tensor flops(Tensor w) {
        if (threshold >= 0) {
            double[] v = Lists.host(w);
            int n = w.dim(0), d = w.dim(1);
            double[] keep = new double[n];
            for (int i = 0; i < n; i++) {
                int l0 = 0;
                for (int j = 0; j < d; j++) if (v[i * d + j] != 0) l0++;
                keep[i] = l0 > threshold ? 1 : 0;
            }
            w = w.mul(Tensor.of(keep, n, 1).to(w.dtype()));
        }
        Tensor m = w.mean(new int[]{0}, false);
        return m.mul(m).sum();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor total = base.compute(in);
        Tensor q = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        List<Tensor> docs = new ArrayList<>();
        docs.add(p);
        if (n != null) for (int k = 0; k < n.dim(1); k++) docs.add(n.slice(1, k, k + 1).reshape(n.dim(0), n.dim(2)));
        if (lambdaD > 0) for (Tensor d : docs) total = total.add(flops(d).mul(lambdaD));
        if (documentOnly) {
            if (lambdaD > 0) total = total.add(flops(q).mul(lambdaD));
        } else if (lambdaQ > 0) {
            total = total.add(flops(q).mul(lambdaQ));
        }
        return total;
    }

    @Override
    public List<Tensor> parameters() {
        return base.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("base", "L101 (dot, scale 1)", "query_regularizer_weight", "0 (off)", "threshold", "none", "document_regularizer_only", "false");
    }

    @Override
    public List<Input> inputs() {
        return base.inputs();
    }
}
