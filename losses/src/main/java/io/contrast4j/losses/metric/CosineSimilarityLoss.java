package io.contrast4j.losses.metric;

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
 * L028 · Cosine-similarity regression loss — Reimers &amp; Gurevych, <i>Sentence-BERT</i> (2019); ST
 * {@code CosineSimilarityLoss}. L = mean_i (cos(u_i, v_i) − y_i)² (MSE, identity activation; {@code loss=l1} gives
 * mean |cos − y|). Inputs: anchors, positives (row-aligned) and float gold scores.
 */
public final class CosineSimilarityLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L028", "Cosine-similarity regression loss", "metric-learning", "T1",
            "Reimers & Gurevych 2019, Sentence-BERT; ST CosineSimilarityLoss", "mean (cos(u, v) − y)²");
    private final boolean l1;

    public CosineSimilarityLoss() {
        this(false);
    }

    public CosineSimilarityLoss(boolean l1) {
        this.l1 = l1;
    }

    public static CosineSimilarityLoss fromParams(Params p) {
        p.checkKnown(Set.of("loss", "dtype"));
        String l = p.getString("loss", "mse");
        if (!l.equals("mse") && !l.equals("l1")) throw new IllegalArgumentException("parameter 'loss' must be mse or l1, got '" + l + "'");
        return new CosineSimilarityLoss(l.equals("l1"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor c = PairInputs.cos(in.get(PairInputs.ANCHORS), in.get(PairInputs.POSITIVES));
        Tensor y = in.get(PairInputs.LABELS).reshape(c.numel());
        if (y.dtype() != c.dtype()) y = y.to(c.dtype());
        Tensor diff = c.sub(y);
        return (l1 ? diff.abs() : diff.square()).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("loss", "mse");
    }

    @Override
    public List<Input> inputs() {
        return PairInputs.pairsWithScore("gold similarity");
    }
}
