package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D01 · Lp distance (PML {@code LpDistance}): d = ‖q − r‖_p after optional L2 normalisation, then d^power.
 * Defaults p = 2, power = 1, normalize = true (PML). For p = 2 the matrix is sqrt(max(‖q‖² − 2q·r + ‖r‖², 1e-16)),
 * so coincident points get distance 1e-8 and a zero gradient instead of NaN.
 */
public final class LpDistance extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D01", "Lp distance", "distance", "T1",
            "PML LpDistance; ST euclidean_sim/manhattan_sim", "d = ‖q − r‖_p (after optional L2 normalisation), then d^power");
    private final double p;

    public LpDistance() {
        this(2, true, 1);
    }

    public LpDistance(double p, boolean normalizeEmbeddings, double power) {
        super(normalizeEmbeddings, power);
        if (!(p >= 1)) throw new IllegalArgumentException("parameter 'p' must be >= 1, got " + p);
        this.p = p;
    }

    @Override
    public boolean isInverted() {
        return false;
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        if (p == 2) {
            Tensor qq = q.mul(q).sum(new int[]{1}, true);
            Tensor rr = r.mul(r).sum(new int[]{1}, false).unsqueeze(0);
            Tensor sq = qq.add(rr).sub(q.matmul(r, false, true).mul(2));
            return sq.clampMin(1e-16).sqrt();
        }
        Tensor diff = q.unsqueeze(1).sub(r.unsqueeze(0)); // Nq x Nr x D
        return lp(diff, 2);
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        Tensor diff = q.sub(r);
        if (p == 2) return diff.mul(diff).sum(new int[]{1}, false).clampMin(1e-16).sqrt();
        return lp(diff, 1);
    }

    private Tensor lp(Tensor diff, int axis) {
        if (p == 1) return diff.abs().sum(new int[]{axis}, false);
        return diff.abs().pow(p).sum(new int[]{axis}, false).pow(1 / p);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("p", "2", "power", "1", "normalize", "true");
    }
}
