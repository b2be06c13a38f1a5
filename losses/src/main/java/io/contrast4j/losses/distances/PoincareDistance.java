package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D07 · Poincaré-ball distance (curvature −1), with the exponential and logarithmic maps at the origin — as used by
 * Hyp-OC and H4G (Nickel &amp; Kiela, <i>Poincaré Embeddings for Learning Hierarchical Representations</i>, 2017).
 * d(x, y) = arcosh(1 + 2‖x − y‖² / ((1 − ‖x‖²)(1 − ‖y‖²))), arcosh(z) = log(z + sqrt(z² − 1)) with z² − 1 clamped at
 * 1e-16 (coincident points get a zero gradient, not NaN). Points must lie strictly inside the unit ball; never
 * normalised. exp₀(v) = tanh(‖v‖)·v/‖v‖, log₀(y) = artanh(‖y‖)·y/‖y‖.
 */
public final class PoincareDistance extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D07", "Poincare-ball distance", "distance", "T2",
            "Nickel & Kiela 2017, Poincare Embeddings; Hyp-OC, H4G",
            "d = arcosh(1 + 2‖x − y‖² / ((1 − ‖x‖²)(1 − ‖y‖²)))");

    public PoincareDistance() {
        super(false, 1);
    }

    @Override
    public boolean isInverted() {
        return false;
    }

    private static Tensor oneMinusSq(Tensor x, boolean keep) {
        Tensor sq = x.mul(x).sum(new int[]{1}, keep);
        double[] v = sq.detach().toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] < 1)) throw new IllegalArgumentException("D07 Poincare distance: row " + i + " has norm " + Math.sqrt(v[i]) + " >= 1 (must be inside the unit ball)");
        }
        return sq.neg().add(1);
    }

    private static Tensor arcosh(Tensor z) {
        return z.add(z.mul(z).sub(1).clampMin(1e-16).sqrt()).log();
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        Tensor diff = q.unsqueeze(1).sub(r.unsqueeze(0));
        Tensor sq = diff.mul(diff).sum(new int[]{2}, false);
        Tensor den = oneMinusSq(q, true).mul(oneMinusSq(r, false).unsqueeze(0));
        return arcosh(sq.mul(2).div(den).add(1));
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        Tensor diff = q.sub(r);
        Tensor sq = diff.mul(diff).sum(new int[]{1}, false);
        return arcosh(sq.mul(2).div(oneMinusSq(q, false).mul(oneMinusSq(r, false))).add(1));
    }

    /** Exponential map at the origin: tanh(‖v‖)·v/‖v‖ (rows). */
    public static Tensor expMap0(Tensor v) {
        Tensor n = v.norm(1, true).clampMin(1e-15);
        return v.mul(n.tanh().div(n));
    }

    /** Logarithmic map at the origin: artanh(‖y‖)·y/‖y‖ (rows), ‖y‖ clamped below 1 − 1e-7. */
    public static Tensor logMap0(Tensor y) {
        Tensor n = y.norm(1, true).clamp(1e-15, 1 - 1e-7);
        Tensor artanh = n.add(1).div(n.neg().add(1)).log().mul(0.5);
        return y.mul(artanh.div(n));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("curvature", "-1");
    }
}
