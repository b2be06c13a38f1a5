package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
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
 * L219 · Unbiased / clipped IPS loss for implicit feedback (Rel-MF) — Saito et al., <i>Unbiased Recommender Learning
 * from Missing-Not-At-Random Implicit Feedback</i> (WSDM 2020).
 * {@code scores} r̂ (U x I logits), {@code clicks} Y (U x I, 0/1), {@code item_popularity} n (I, integer counts ≥ 0):
 * θ_i = max((n_i / max_j n_j)^η, M); L = mean_{u,i} [(Y/θ)(−log σ(r̂)) + (1 − Y/θ)(−log(1 − σ(r̂)))] (the paper's sum
 * divided by U·I), log-sigmoids as softplus forms. Propensities are constants.
 * Defaults: η = 0.5, clip M = 0.1 (M: formula not verified against the paper: follows CATALOG.md).
 */
public final class RelMfLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L219", "Unbiased / clipped IPS loss for implicit feedback (Rel-MF)", "ranking", "T2",
            "Saito et al. 2020, Unbiased Recommender Learning from Missing-Not-At-Random Implicit Feedback",
            "L = mean [(Y/theta)(-log sigmoid(r)) + (1 - Y/theta)(-log(1 - sigmoid(r)))], theta_i = max((n_i/max n)^eta, M)");
    public static final String CLICKS = "clicks";
    public static final String POPULARITY = "item_popularity";
    private final double eta, clip;

    public RelMfLoss(double eta, double clip) {
        if (!(eta >= 0) || !(clip > 0 && clip <= 1)) throw new IllegalArgumentException("L219: need eta >= 0 and clip in (0, 1]");
        this.eta = eta;
        this.clip = clip;
    }

    public static RelMfLoss fromParams(Params p) {
        p.checkKnown(Set.of("eta", "clip", "dtype"));
        return new RelMfLoss(p.getDouble("eta", 0.5), p.getDouble("clip", 0.1));
    }

    /** θ_i = max((n_i / max n)^η, M). */
    public double[] propensities(double[] n) {
        double mx = 0;
        for (double x : n) {
            if (!(x >= 0)) throw new IllegalArgumentException("L219: item_popularity must be >= 0, got " + x);
            mx = Math.max(mx, x);
        }
        double[] t = new double[n.length];
        for (int i = 0; i < n.length; i++) t[i] = Math.max(mx > 0 ? Math.pow(n[i] / mx, eta) : 1, clip);
        return t;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor r = in.get(Lists.SCORES);
        Tensor y = in.get(CLICKS);
        if (r.rank() != 2 || !Shape.same(r.shape(), y.shape())) throw new IllegalArgumentException("L219: scores and clicks must both be U x I, got " + Shape.str(r.shape()) + " and " + Shape.str(y.shape()));
        int[] counts = in.get(POPULARITY).toIntArray();
        double[] n = new double[counts.length];
        for (int i = 0; i < n.length; i++) n[i] = counts[i];
        if (n.length != r.dim(1)) throw new IllegalArgumentException("L219: item_popularity must have I = " + r.dim(1) + " entries, got " + n.length);
        double[] th = propensities(n);
        double[] inv = new double[th.length];
        for (int i = 0; i < th.length; i++) inv[i] = 1 / th[i];
        Tensor w = y.mul(Tensor.of(inv, 1, th.length).to(r.dtype()));
        Tensor l = w.mul(r.neg().softplus()).add(w.affine(-1, 1).mul(r.softplus()));
        return l.mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("eta", "0.5", "clip", "0.1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Lists.SCORES, "U x I", "predicted logits r_ui"), Input.floats(CLICKS, "U x I", "observed clicks 0/1"),
                Input.ints(POPULARITY, "I", "item interaction counts n_i"));
    }
}
