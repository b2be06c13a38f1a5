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
 * L002 · Online contrastive loss — sentence-transformers {@code OnlineContrastiveLoss} (after Hadsell et al. 2006).
 * Over the batch's pairs with d = 1 − cos: hard negatives are negative pairs with d &lt; max(d_pos) (if there is more
 * than one positive pair, else mean(d_neg)); hard positives are positive pairs with d &gt; min(d_neg) (if more than one
 * negative pair, else mean(d_pos)); L = Σ_hardpos d² + Σ_hardneg [m − d]₊² (a sum). The hard-pair selection is frozen
 * (computed on detached distances). Defaults: m = 0.5. Inputs: anchors, positives (row-aligned) and labels 1/0.
 */
public final class OnlineContrastiveLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L002", "Online contrastive loss", "metric-learning", "T1",
            "sentence-transformers OnlineContrastiveLoss (Hadsell et al. 2006)",
            "Σ_hardpos d² + Σ_hardneg [m − d]₊², d = 1 − cos");
    private final double margin;

    public OnlineContrastiveLoss() {
        this(0.5);
    }

    public OnlineContrastiveLoss(double margin) {
        this.margin = margin;
    }

    public static OnlineContrastiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "dtype"));
        return new OnlineContrastiveLoss(p.getDouble("margin", 0.5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor a = in.get(PairInputs.ANCHORS);
        Tensor d = PairInputs.cos(a, in.get(PairInputs.POSITIVES)).neg().add(1);
        double[] dv = d.detach().toDoubleArray(), y = in.get(PairInputs.LABELS).toDoubleArray();
        int np = 0, nn = 0;
        double maxPos = Double.NEGATIVE_INFINITY, minNeg = Double.POSITIVE_INFINITY, sumPos = 0, sumNeg = 0;
        for (int i = 0; i < dv.length; i++) {
            if (y[i] > 0.5) {
                np++;
                maxPos = Math.max(maxPos, dv[i]);
                sumPos += dv[i];
            } else {
                nn++;
                minNeg = Math.min(minNeg, dv[i]);
                sumNeg += dv[i];
            }
        }
        double negThr = np > 1 ? maxPos : (nn > 0 ? sumNeg / nn : Double.NEGATIVE_INFINITY);
        double posThr = nn > 1 ? minNeg : (np > 0 ? sumPos / np : Double.POSITIVE_INFINITY);
        double[] hp = new double[dv.length], hn = new double[dv.length];
        for (int i = 0; i < dv.length; i++) {
            if (y[i] > 0.5 && dv[i] > posThr) hp[i] = 1;
            if (y[i] <= 0.5 && dv[i] < negThr) hn[i] = 1;
        }
        Tensor pos = d.mul(d).mul(MetricOps.constant(hp, d.dtype(), hp.length));
        Tensor neg = d.neg().add(margin).relu().square().mul(MetricOps.constant(hn, d.dtype(), hn.length));
        return pos.add(neg).sum();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.5", "distance", "1 - cos");
    }

    @Override
    public List<Input> inputs() {
        return PairInputs.pairsWithScore("1 for a similar pair, 0 for a dissimilar one");
    }
}
