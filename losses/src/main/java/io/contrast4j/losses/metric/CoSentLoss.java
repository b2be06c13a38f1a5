package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.AngleSimilarity;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.Distance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L029 · CoSENT loss — Su, <i>CoSENT</i> (2022); ST {@code CoSENTLoss}. s_i = λ·sim(u_i, v_i);
 * L = log(1 + Σ_{(i,j): y_i &lt; y_j} e^{s_i − s_j}) (one log-sum-exp over the whole batch; the y-order mask is frozen).
 * Defaults: λ (scale) = 20, pairwise cosine. With D05 angle similarity it is L030 ({@link #angle}).
 * Inputs: anchors, positives (row-aligned) and float gold scores.
 */
public final class CoSentLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L029", "CoSENT loss", "metric-learning", "T1",
            "Su 2022, CoSENT; ST CoSENTLoss", "log(1 + Σ_{y_i < y_j} e^{λ(s_i − s_j)})");
    /** L030 · AnglE loss: CoSENT with the angle similarity D05. */
    public static final CatalogInfo ANGLE_INFO = new CatalogInfo("L030", "AnglE loss", "metric-learning", "T1",
            "Li & Li 2023, AnglE-optimized Text Embeddings; ST AnglELoss", "log(1 + Σ_{y_i < y_j} e^{λ(a_i − a_j)}), a = angle_sim (D05)");
    private final double scale;
    private final Distance sim;
    private final CatalogInfo info;

    public CoSentLoss() {
        this(20, new CosineSimilarity(), INFO);
    }

    private CoSentLoss(double scale, Distance sim, CatalogInfo info) {
        this.scale = scale;
        this.sim = sim;
        this.info = info;
    }

    public static CoSentLoss cosine(double scale) {
        return new CoSentLoss(scale, new CosineSimilarity(), INFO);
    }

    /**
     * L030 · AnglE loss — Li &amp; Li, <i>AnglE-optimized Text Embeddings</i> (2023); ST {@code AnglELoss}: L029 with
     * s_i = λ·angle_sim(u_i, v_i) (D05). Like ST, only the angle term (the paper also adds cosine and in-batch terms:
     * combine L029 and L101 with R10). Default λ = 20.
     */
    public static CoSentLoss angle(double scale) {
        return new CoSentLoss(scale, new AngleSimilarity(), ANGLE_INFO);
    }

    public static CoSentLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "dtype"));
        return cosine(p.getPositive("scale", 20));
    }

    public static CoSentLoss angleFromParams(Params p) {
        p.checkKnown(Set.of("scale", "dtype"));
        return angle(p.getPositive("scale", 20));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(info.id(), inputs());
        PairInputs.checkAligned(info.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor s = sim.pairwise(in.get(PairInputs.ANCHORS), in.get(PairInputs.POSITIVES)).mul(scale);
        double[] y = in.get(PairInputs.LABELS).toDoubleArray();
        int n = y.length;
        double[] mask = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (y[i] < y[j]) mask[i * n + j] = 1;
        Tensor diff = s.unsqueeze(1).sub(s.unsqueeze(0)).reshape(1, n * n);
        return MetricOps.maskedLse(diff, MetricOps.constant(mask, s.dtype(), 1, n * n), true).reshape();
    }

    @Override
    public CatalogInfo info() {
        return info;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("scale", "20", "similarity", info == INFO ? "D02" : "D05");
    }

    @Override
    public List<Input> inputs() {
        return PairInputs.pairsWithScore("gold similarity score");
    }
}
