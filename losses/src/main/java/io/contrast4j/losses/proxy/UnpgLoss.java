package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L053 · UNPG (unified negative pair generation) — Jung et al., <i>Unified Negative Pair Generation toward
 * Well-discriminative Feature Space for Face Recognition</i> (BMVC 2022; repo Jung-Jun-Uk/UNPG).
 * s_n = cosines of all in-batch sample pairs (i &lt; j) with different labels; keep s_n ∈ [Q1 − w·IQR, Q3 + w·IQR]
 * (box-and-whisker filter of noisy negatives; quartiles by linear interpolation, membership frozen); the kept values
 * are appended as extra logit columns shared by every row: ℓ = CE(s·[cos_margin(x, W) | s_n'], y), mean.
 * Head: {@code head=arcface} (L049, default) or {@code cosface} (L048) with that head's margin/scale defaults;
 * whisker w = 1. W LR: own param group (O01), ≈10–100× backbone.
 */
public final class UnpgLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L053", "UNPG (unified negative pair generation)", "metric-learning", "T1",
            "Jung et al. 2022, Unified Negative Pair Generation toward Well-discriminative Feature Space for Face Recognition (repo Jung-Jun-Uk/UNPG)",
            "ℓ = CE(s·[cos_margin(x, W) | s_n'], y), s_n' = IQR-filtered in-batch negative cosines");
    private final MarginSoftmaxHead head;
    private final double scale, whisker;

    public UnpgLoss(MarginSoftmaxHead head, double scale, double whisker) {
        super(head.numClasses(), head.embeddingSize(), head.dtype());
        if (!(whisker >= 0)) throw new IllegalArgumentException("parameter 'whisker' must be >= 0, got " + whisker);
        this.head = head;
        this.scale = scale;
        this.whisker = whisker;
    }

    public static UnpgLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "head", "margin", "scale", "whisker", "dtype", "seed"));
        int c = ProxyOps.requiredInt(p, "num_classes", "L053"), d = ProxyOps.requiredInt(p, "embedding_size", "L053");
        DType dt = ProxyOps.dtype(p);
        double scale = p.getPositive("scale", 64);
        String h = p.getString("head", "arcface");
        MarginSoftmaxHead head = switch (h) {
            case "arcface" -> new ArcFaceLoss(c, d, p.getDouble("margin", 28.6), scale, dt, ProxyOps.seed(p));
            case "cosface" -> new CosFaceLoss(c, d, p.getDouble("margin", 0.35), scale, dt, ProxyOps.seed(p));
            default -> throw new IllegalArgumentException("L053: parameter 'head' must be arcface or cosface, got '" + h + "'");
        };
        return new UnpgLoss(head, scale, p.getDouble("whisker", 1));
    }

    public MarginSoftmaxHead head() {
        return head;
    }

    /** The kept negative pairs (i, j), i &lt; j, different labels, inside the whiskers of the detached cosines. */
    public int[][] keptNegativePairs(Tensor embeddings, int[] labels) {
        int n = labels.length;
        double[] cos = embeddings.detach().normalize(1).matmul(embeddings.detach().normalize(1), false, true).toDoubleArray();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (labels[i] != labels[j]) pairs.add(new int[]{i, j});
        if (pairs.isEmpty()) return new int[0][];
        double[] v = new double[pairs.size()];
        for (int t = 0; t < v.length; t++) v[t] = cos[pairs.get(t)[0] * n + pairs.get(t)[1]];
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double q1 = quantile(sorted, 0.25), q3 = quantile(sorted, 0.75), iqr = q3 - q1;
        double lo = q1 - whisker * iqr, hi = q3 + whisker * iqr;
        List<int[]> kept = new ArrayList<>();
        for (int t = 0; t < v.length; t++) if (v[t] >= lo && v[t] <= hi) kept.add(pairs.get(t));
        return kept.toArray(new int[0][]);
    }

    /** torch.quantile's default (linear interpolation) on sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    @Override
    public Tensor compute(LossInputs in) {
        if (in.mined() != null) throw new IllegalArgumentException("L053: mined tuples are not supported");
        Batch b = batch(in);
        Tensor e = b.embeddings();
        int n = b.size();
        Tensor logits = head.marginCosine(e, b.labels());
        int[][] kept = keptNegativePairs(e, b.labels());
        if (kept.length > 0) {
            int[] rows = new int[kept.length], cols = new int[kept.length];
            for (int t = 0; t < kept.length; t++) {
                rows[t] = kept[t][0];
                cols[t] = kept[t][1];
            }
            Tensor xn = e.normalize(1);
            Tensor sn = xn.indexSelect(0, rows).mul(xn.indexSelect(0, cols)).sum(1).reshape(1, kept.length);
            logits = Tensor.concat(List.of(logits, sn.broadcastTo(n, kept.length)), 1);
        }
        return ProxyOps.crossEntropyRows(logits.mul(scale), b.labels()).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return head.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("head", "arcface", "margin", "28.6 (arcface) / 0.35 (cosface)", "scale", "64", "whisker", "1", "dtype", "F32", "seed", "0");
    }
}
