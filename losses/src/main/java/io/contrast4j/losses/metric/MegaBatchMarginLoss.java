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
 * L006 · Mega-batch margin loss — Wieting &amp; Gimpel, <i>ParaNMT-50M</i> (2018); ST {@code MegaBatchMarginLoss}.
 * Negatives are the other rows' positives: n*_i = argmax_{j ≠ i} cos(a_i, p_j) (frozen);
 * ℓ_i = [m_p − cos(a_i, p_i)]₊ + [cos(a_i, p_{n*}) − m_n]₊; mean. ST's mini-batched mode only re-embeds in chunks
 * (same gradient); here the loss sees the embeddings, so it is the plain form.
 * Defaults: m_p = 0.8, m_n = 0.3. Inputs: anchors, positives (row-aligned).
 */
public final class MegaBatchMarginLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L006", "Mega-batch margin loss", "metric-learning", "T1",
            "Wieting & Gimpel 2018, ParaNMT-50M; ST MegaBatchMarginLoss",
            "[m_p − cos(a_i, p_i)]+ + [max_{j≠i} cos(a_i, p_j) − m_n]+");
    private final double posMargin, negMargin;

    public MegaBatchMarginLoss() {
        this(0.8, 0.3);
    }

    public MegaBatchMarginLoss(double posMargin, double negMargin) {
        this.posMargin = posMargin;
        this.negMargin = negMargin;
    }

    public static MegaBatchMarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("positive_margin", "negative_margin", "dtype"));
        return new MegaBatchMarginLoss(p.getDouble("positive_margin", 0.8), p.getDouble("negative_margin", 0.3));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor a = in.get(PairInputs.ANCHORS).normalize(1), p = in.get(PairInputs.POSITIVES).normalize(1);
        int n = a.dim(0);
        if (n < 2) return LossInputs.zeroLoss(in.get(PairInputs.ANCHORS));
        Tensor c = a.matmul(p, false, true);
        double[] cv = c.detach().toDoubleArray();
        int[] rows = new int[n], diag = new int[n], hard = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            diag[i] = i;
            int best = -1;
            for (int j = 0; j < n; j++) if (j != i && (best < 0 || cv[i * n + j] > cv[i * n + best])) best = j;
            hard[i] = best;
        }
        Tensor pos = MetricLoss.pick(c, rows, diag).neg().add(posMargin).relu();
        Tensor neg = MetricLoss.pick(c, rows, hard).sub(negMargin).relu();
        return pos.add(neg).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("positive_margin", "0.8", "negative_margin", "0.3");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PairInputs.ANCHORS, "N x D", "anchor embeddings"), Input.floats(PairInputs.POSITIVES, "N x D", "positive embeddings"));
    }
}
