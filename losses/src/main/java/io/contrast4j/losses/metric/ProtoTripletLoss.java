package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L024 · Proto-Triplet and ICNN losses — <i>SuSana Distancia is all you need: Enforcing class separability in metric
 * learning via two novel distance-based loss functions for few-shot image classification</i> (s001, s002, s004).
 * Prototypes c_k = mean of the support embeddings of class k (episode, S011).
 * Proto-Triplet (variant {@code proto_triplet}, default): ℓ_q = [d(q, c_{y_q}) − min_{k≠y_q} d(q, c_k) + m]₊, mean over
 * queries (the min is taken over the frozen argmin).
 * ICNN (variant {@code icnn}): for each query its k nearest support samples (frozen set); score_q = (mean distance to
 * the other-class neighbours − mean distance to the same-class neighbours) / (sum of the two means), a set without
 * members contributing 0; loss = 1 − mean_q score_q.
 * Defaults ([K?], catalog placeholders): m = 0.5, k = 5, Euclidean (unnormalised D01). The exact ICNN score is a
 * reading of the catalog: formula not verified against the paper: follows CATALOG.md.
 */
public final class ProtoTripletLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L024", "Proto-Triplet and ICNN losses", "metric-learning", "T2",
            "SuSana Distancia is all you need: two novel distance-based loss functions for few-shot image classification (s001, s002, s004)",
            "[d(q, c_y) − min_{c≠y} d(q, c) + m]+ ; ICNN: 1 − kNN class-contrast score");
    public static final String SUPPORT = "support";
    public static final String SUPPORT_LABELS = "support_labels";
    private final double margin;
    private final int k;
    private final boolean icnn;
    private final LpDistance distance = new LpDistance(2, false, 1);

    public ProtoTripletLoss(double margin, int k, boolean icnn) {
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        this.margin = margin;
        this.k = k;
        this.icnn = icnn;
    }

    public static ProtoTripletLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "k", "variant", "dtype"));
        String v = p.getString("variant", "proto_triplet");
        if (!v.equals("proto_triplet") && !v.equals("icnn")) throw new IllegalArgumentException("parameter 'variant' must be proto_triplet or icnn, got '" + v + "'");
        return new ProtoTripletLoss(p.getDouble("margin", 0.5), p.getInt("k", 5), v.equals("icnn"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor q = in.embeddings(), s = in.get(SUPPORT);
        int[] yq = in.labels(), ys = in.get(SUPPORT_LABELS).toIntArray();
        if (yq.length != q.dim(0) || ys.length != s.dim(0)) throw new IllegalArgumentException(INFO.id() + ": embeddings/labels or support/support_labels lengths differ");
        if (q.dim(1) != s.dim(1)) throw new IllegalArgumentException(INFO.id() + ": query D=" + q.dim(1) + " but support D=" + s.dim(1));
        return icnn ? icnn(q, yq, s, ys) : protoTriplet(q, yq, s, ys);
    }

    private Tensor protoTriplet(Tensor q, int[] yq, Tensor s, int[] ys) {
        int[] classes = Arrays.stream(ys).distinct().sorted().toArray();
        if (classes.length < 2) return LossInputs.zeroLoss(q);
        int c = classes.length, ns = ys.length;
        double[] avg = new double[c * ns];
        for (int i = 0; i < ns; i++) avg[Arrays.binarySearch(classes, ys[i]) * ns + i] = 1;
        for (int r = 0; r < c; r++) {
            double cnt = 0;
            for (int i = 0; i < ns; i++) cnt += avg[r * ns + i];
            for (int i = 0; i < ns; i++) avg[r * ns + i] /= cnt;
        }
        Tensor protos = MetricOps.constant(avg, s.dtype(), c, ns).matmul(s);
        Tensor d = distance.matrix(q, protos);
        double[] dv = d.detach().toDoubleArray();
        int n = yq.length;
        int[] rows = new int[n], own = new int[n], other = new int[n];
        for (int i = 0; i < n; i++) {
            int yc = Arrays.binarySearch(classes, yq[i]);
            if (yc < 0) throw new IllegalArgumentException(INFO.id() + ": query label " + yq[i] + " has no support sample");
            rows[i] = i;
            own[i] = yc;
            int best = -1;
            for (int j = 0; j < c; j++) if (j != yc && (best < 0 || dv[i * c + j] < dv[i * c + best])) best = j;
            other[i] = best;
        }
        return MetricLoss.pick(d, rows, own).sub(MetricLoss.pick(d, rows, other)).add(margin).relu().mean();
    }

    private Tensor icnn(Tensor q, int[] yq, Tensor s, int[] ys) {
        Tensor d = distance.matrix(q, s);
        double[] dv = d.detach().toDoubleArray();
        int n = yq.length, ns = ys.length, kk = Math.min(k, ns);
        double[] same = new double[n * ns], diff = new double[n * ns];
        for (int i = 0; i < n; i++) {
            Integer[] order = new Integer[ns];
            for (int j = 0; j < ns; j++) order[j] = j;
            final int row = i;
            Arrays.sort(order, (x, y) -> Double.compare(dv[row * ns + x], dv[row * ns + y]));
            int cs = 0, cd = 0;
            for (int t = 0; t < kk; t++) if (ys[order[t]] == yq[i]) cs++; else cd++;
            for (int t = 0; t < kk; t++) {
                int j = order[t];
                if (ys[j] == yq[i]) same[i * ns + j] = 1.0 / cs;
                else diff[i * ns + j] = 1.0 / cd;
            }
        }
        Tensor ms = d.mul(MetricOps.constant(same, d.dtype(), n, ns)).sum(new int[]{1}, false);
        Tensor md = d.mul(MetricOps.constant(diff, d.dtype(), n, ns)).sum(new int[]{1}, false);
        Tensor score = md.sub(ms).div(md.add(ms).clampMin(1e-12));
        return score.mean().neg().add(1);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0.5", "k", "5", "variant", "proto_triplet", "distance", "Euclidean");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "query embeddings"),
                Input.ints(LossInputs.LABELS, "N", "query labels"),
                Input.floats(SUPPORT, "S x D", "support embeddings"),
                Input.ints(SUPPORT_LABELS, "S", "support labels"));
    }
}
