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
 * L022 · Bidirectional hinge ranking loss (VSE) — <i>Deep Learning Applied to Image and Text Matching</i> (s004); the
 * visual-semantic embedding hinge of Kiros et al. / Faghri et al. (VSE).
 * With cosine s, paired rows (i_b, t_b) of {@code anchors} (images) and {@code positives} (texts), and the other rows as
 * sampled negatives: ℓ_b = w_i2t·Σ_{k≠b} [m − s(i_b,t_b) + s(i_b,t_k)]₊ + w_t2i·Σ_{k≠b} [m − s(i_b,t_b) + s(i_k,t_b)]₊;
 * L = mean_b ℓ_b. The per-direction weights expose the catalog's note that the negative-generation direction
 * specialises the model to one retrieval direction.
 * Defaults: m = 0.2 ([K?] formula not verified against the paper: follows CATALOG.md), w_i2t = w_t2i = 1.
 */
public final class BidirectionalHingeLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L022", "Bidirectional hinge ranking loss (VSE)", "metric-learning", "T2",
            "Deep Learning Applied to Image and Text Matching (s004); VSE hinge",
            "Σ_k [m − s(i,t) + s(i,t_k)]+ + Σ_k [m − s(i,t) + s(i_k,t)]+");
    private final double margin, wI2t, wT2i;

    public BidirectionalHingeLoss(double margin, double wI2t, double wT2i) {
        this.margin = margin;
        this.wI2t = wI2t;
        this.wT2i = wT2i;
    }

    public static BidirectionalHingeLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "weight_i2t", "weight_t2i", "dtype"));
        return new BidirectionalHingeLoss(p.getDouble("margin", 0.2), p.getDouble("weight_i2t", 1), p.getDouble("weight_t2i", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor a = in.get(PairInputs.ANCHORS).normalize(1), t = in.get(PairInputs.POSITIVES).normalize(1);
        int b = a.dim(0);
        Tensor s = a.matmul(t, false, true);
        double[] off = new double[b * b];
        for (int i = 0; i < b * b; i++) off[i] = i / b == i % b ? 0 : 1;
        Tensor mask = MetricOps.constant(off, s.dtype(), b, b);
        Tensor pos = PairInputs.cos(a, t);
        Tensor i2t = s.sub(pos.reshape(b, 1)).add(margin).relu().mul(mask).sum(new int[]{1}, false);
        Tensor t2i = s.sub(pos.reshape(1, b)).add(margin).relu().mul(mask).sum(new int[]{0}, false);
        return i2t.mul(wI2t).add(t2i.mul(wT2i)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.2", "weight_i2t", "1", "weight_t2i", "1", "similarity", "cos");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PairInputs.ANCHORS, "B x D", "image embeddings"),
                Input.floats(PairInputs.POSITIVES, "B x D", "text embeddings, row-aligned (other rows are negatives)"));
    }
}
