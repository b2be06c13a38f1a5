package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L005 · Batch semi-hard triplet loss — Schroff et al., <i>FaceNet</i> (2015); ST {@code BatchSemiHardTripletLoss}
 * (TF-addons semantics). For every positive pair (a, p), a ≠ p: n* = argmin_{n ∈ N_a, d_an &gt; d_ap} d_an if such n
 * exists, else argmax_{n ∈ N_a} d_an; L = Σ_{(a,p)} [d_ap − d_an* + m]₊ / #positive pairs. The choice of n* is frozen.
 * Pairs whose anchor has no negative are skipped; none left → zero loss on the graph.
 * Defaults: unnormalised Euclidean distance, m = 5.
 */
public final class BatchSemiHardTripletLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L005", "Batch semi-hard triplet loss", "metric-learning", "T1",
            "Schroff et al. 2015, FaceNet (semi-hard); ST BatchSemiHardTripletLoss",
            "Σ_(a,p) [d_ap − d_an* + m]+ / #pos, n* = closest negative farther than p (else farthest)");
    private final double margin;

    public BatchSemiHardTripletLoss() {
        this(5);
    }

    public BatchSemiHardTripletLoss(double margin) {
        this.margin = margin;
    }

    public static BatchSemiHardTripletLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "dtype"));
        return new BatchSemiHardTripletLoss(p.getDouble("margin", 5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        int n = e.dim(0);
        if (y.length != n) throw new IllegalArgumentException("L005: " + n + " embeddings but " + y.length + " labels");
        Tensor d = new LpDistance(2, false, 1).matrix(e);
        double[] dv = d.detach().toDoubleArray();
        List<Integer> rows = new ArrayList<>(), ps = new ArrayList<>(), ns = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || y[p] != y[a]) continue;
                double dap = dv[a * n + p];
                int semi = -1, far = -1;
                for (int k = 0; k < n; k++) {
                    if (y[k] == y[a]) continue;
                    double dak = dv[a * n + k];
                    if (dak > dap && (semi < 0 || dak < dv[a * n + semi])) semi = k;
                    if (far < 0 || dak > dv[a * n + far]) far = k;
                }
                if (far < 0) continue;
                rows.add(a);
                ps.add(p);
                ns.add(semi >= 0 ? semi : far);
            }
        }
        if (rows.isEmpty()) return LossInputs.zeroLoss(e);
        int[] ra = rows.stream().mapToInt(Integer::intValue).toArray();
        Tensor ap = MetricLoss.pick(d, ra, ps.stream().mapToInt(Integer::intValue).toArray());
        Tensor an = MetricLoss.pick(d, ra, ns.stream().mapToInt(Integer::intValue).toArray());
        return ap.sub(an).add(margin).relu().mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "5", "distance", "euclidean");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"), Input.ints(LossInputs.LABELS, "N", "class labels"));
    }
}
