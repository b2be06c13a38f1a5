package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L019 · Dynamic soft margin loss — Zhang &amp; Rusinkiewicz, <i>Learning Local Descriptors with a CDF-Based Dynamic
 * Soft Margin</i> (ICCV 2019); PML {@code DynamicSoftMarginLoss}.
 * x = d_pos − d_neg per triplet (with labels: all valid or mined triplets; without labels: rows of
 * {@code embeddings} and {@code ref_embeddings} are aligned (anchor, positive) pairs and the hardest negative is the
 * minimum off-diagonal distance over the row and the column); L = mean(CDF_h(x)·x), CDF_h(x) = Σ_{r ≤ ⌊(x − min)/Δ⌋} h_r.
 * <p><b>State:</b> h is a running histogram over nodes min + rΔ, r = 0..nbins (Δ = 2|min|/nbins), kept as sg (the paper's
 * reading; PML's graph-through-frac and cross-step graph are not copied). It is updated only in training mode
 * ({@link #training(boolean)}, default on): the batch's detached x adds linear-interpolation mass to its two nodes,
 * h ← (1 − μ)h + μ·hist(x) (μ = 1 on the first batch), then h is normalised; the update happens before weighing, as
 * in PML. In eval mode h is used frozen. An optional {@code histogram} input (nbins + 1) replaces the state for
 * one call without updating it (the gradient check uses it, so its result is a smooth function of its inputs).
 * Defaults: min_val −2, 10 bins, momentum 0.01, D01 on normalised embeddings.
 */
public final class DynamicSoftMarginLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L019", "Dynamic soft margin loss", "metric-learning", "T1",
            "Zhang & Rusinkiewicz 2019, Learning Local Descriptors with a CDF-Based Dynamic Soft Margin; PML DynamicSoftMarginLoss",
            "L = mean(CDF_h(x)·x), x = d_pos − d_neg, h running histogram (sg)");
    public static final String HISTOGRAM = "histogram";
    private final double minVal, delta, momentum;
    private final int bins;
    private final LpDistance distance = new LpDistance();
    private double[] hist;
    private boolean training = true;

    public DynamicSoftMarginLoss(double minVal, int bins, double momentum) {
        if (!(minVal < 0)) throw new IllegalArgumentException("parameter 'min_val' must be < 0, got " + minVal);
        if (bins < 1) throw new IllegalArgumentException("parameter 'num_bins' must be >= 1, got " + bins);
        if (!(momentum > 0 && momentum <= 1)) throw new IllegalArgumentException("parameter 'momentum' must be in (0, 1], got " + momentum);
        this.minVal = minVal;
        this.bins = bins;
        this.delta = 2 * Math.abs(minVal) / bins;
        this.momentum = momentum;
        this.hist = new double[bins + 1];
    }

    public static DynamicSoftMarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("min_val", "num_bins", "momentum", "training", "dtype"));
        DynamicSoftMarginLoss l = new DynamicSoftMarginLoss(p.getDouble("min_val", -2), p.getInt("num_bins", 10), p.getDouble("momentum", 0.01));
        return l.training(p.getBoolean("training", true));
    }

    /** Training mode updates the histogram on every {@link #compute}; eval mode keeps it frozen. Returns this. */
    public DynamicSoftMarginLoss training(boolean on) {
        this.training = on;
        return this;
    }

    /** A copy of the running histogram (nbins + 1 node masses, summing to 1 once updated). */
    public double[] histogram() {
        return hist.clone();
    }

    private int node(double x) {
        double c = Math.max(minVal, Math.min(-minVal, x));
        return Math.min((int) Math.floor((c - minVal) / delta), bins - 1);
    }

    /** h ← (1 − μ)h + μ·hist(x) (μ = 1 when h is still empty), normalised. */
    void update(double[] x) {
        double[] h = new double[bins + 1];
        for (double v : x) {
            double c = Math.max(minVal, Math.min(-minVal, v));
            int r = node(c);
            double a = (c - (minVal + r * delta)) / delta;
            h[r] += 1 - a;
            h[r + 1] += a;
        }
        double total = 0;
        for (double v : hist) total += v;
        double mu = total == 0 ? 1 : momentum;
        double s = 0;
        for (int r = 0; r <= bins; r++) {
            hist[r] = (1 - mu) * hist[r] + mu * h[r] / Math.max(x.length, 1);
            s += hist[r];
        }
        if (s > 0) for (int r = 0; r <= bins; r++) hist[r] /= s;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor emb = in.embeddings();
        Tensor x = in.has(LossInputs.LABELS) ? withLabels(in, emb) : withoutLabels(in, emb);
        if (x == null || x.numel() == 0) return LossInputs.zeroLoss(emb);
        double[] xv = x.detach().toDoubleArray();
        Tensor h = in.getOrNull(HISTOGRAM);
        if (h != null) {
            if (h.numel() != bins + 1) throw new IllegalArgumentException(INFO.id() + ": input 'histogram' must have " + (bins + 1) + " entries, got " + h.numel());
        } else {
            if (training) update(xv);
            h = MetricOps.constant(hist, emb.dtype(), bins + 1);
        }
        Tensor cdf = MetricOps.cumsumLast(h.reshape(bins + 1).to(emb.dtype()));
        int[] idx = new int[xv.length];
        for (int k = 0; k < xv.length; k++) idx[k] = node(xv[k]);
        return cdf.indexSelect(0, idx).mul(x).mean();
    }

    private Tensor withLabels(LossInputs in, Tensor emb) {
        int[] y = in.labels();
        if (y.length != emb.dim(0)) throw new IllegalArgumentException(INFO.id() + ": " + emb.dim(0) + " embeddings but " + y.length + " labels");
        Tensor ref = in.getOrNull(MetricLoss.REF_EMBEDDINGS);
        int[] ry = ref == null ? y : in.get(MetricLoss.REF_LABELS).toIntArray();
        IndicesTuple t = in.mined() != null ? in.mined().toTriplets() : IndicesTuple.allTriplets(y, ry, ref == null);
        if (t.anchors().length == 0) return null;
        Tensor d = distance.matrix(emb, ref == null ? emb : ref);
        return MetricLoss.pick(d, t.anchors(), t.p()).sub(MetricLoss.pick(d, t.anchors(), t.n()));
    }

    private Tensor withoutLabels(LossInputs in, Tensor emb) {
        Tensor ref = in.getOrNull(MetricLoss.REF_EMBEDDINGS);
        if (ref == null) throw new IllegalArgumentException(INFO.id() + ": without labels, 'ref_embeddings' (the row-aligned positives) is required");
        int n = emb.dim(0);
        if (ref.dim(0) != n || n < 2) throw new IllegalArgumentException(INFO.id() + ": embeddings and ref_embeddings must have the same N >= 2 rows, got " + n + " and " + ref.dim(0));
        Tensor d = distance.matrix(emb, ref);
        int[] diag = new int[n], rowMin = new int[n];
        double[] dv;
        try (var g = Grad.off()) {
            dv = d.detach().toDoubleArray();
        }
        for (int i = 0; i < n; i++) {
            diag[i] = i * n + i;
            int br = -1, bc = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                if (br < 0 || dv[i * n + j] < dv[i * n + br]) br = j;
                if (bc < 0 || dv[j * n + i] < dv[bc * n + i]) bc = j;
            }
            // hardest negative over the row and the column (frozen selection)
            if (dv[i * n + br] <= dv[bc * n + i]) {
                rowMin[i] = i * n + br;
            } else {
                rowMin[i] = bc * n + i;
            }
        }
        Tensor flat = d.reshape(-1);
        return flat.indexSelect(0, diag).sub(flat.indexSelect(0, rowMin));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("min_val", "-2", "num_bins", "10", "momentum", "0.01", "distance", "D01", "training", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings (without labels: anchors)"),
                Input.ints(LossInputs.LABELS, "N", "class labels").asOptional(),
                Input.floats(MetricLoss.REF_EMBEDDINGS, "M x D", "reference embeddings (without labels: row-aligned positives)").asOptional(),
                Input.ints(MetricLoss.REF_LABELS, "M", "reference labels").asOptional(),
                Input.floats(HISTOGRAM, "H", "histogram state for this call (nbins + 1 node masses); no update").asOptional());
    }
}
