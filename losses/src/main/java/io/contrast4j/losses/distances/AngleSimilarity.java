package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D05 · Angle similarity — Li &amp; Li, <i>AnglE-optimized Text Embeddings</i> (2023); ST {@code pairwise_angle_sim}.
 * x = (a, b), y = (c, d) split into real and imaginary halves; re = (ac + bd)/z, im = (bc − ad)/z with z = Σ(c² + d²),
 * both scaled by ‖y‖/‖x‖; s = |Σ_dims(re + im)|. Summed over dimensions this is
 * s = |(a + b)·c + (b − a)·d| / (‖x‖·‖y‖), the form computed here. A similarity; no normalisation (the ratio is
 * scale-free); D must be even. The |·| has a kink at 0.
 */
public final class AngleSimilarity extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D05", "Angle similarity (AnglE)", "distance", "T1",
            "Li & Li 2023, AnglE-optimized Text Embeddings; ST pairwise_angle_sim",
            "s = |Σ(re + im)| of the complex division (a + bi)/(c + di) scaled by ‖y‖/‖x‖");

    public AngleSimilarity() {
        super(false, 1);
    }

    @Override
    public boolean isInverted() {
        return true;
    }

    private static int half(Tensor x) {
        int d = x.dim(1);
        if (d % 2 != 0) throw new IllegalArgumentException("D05 angle similarity: embedding dimension must be even, got " + d);
        return d / 2;
    }

    /** (a + b, b − a) for x = (a, b). */
    private static Tensor rotated(Tensor x) {
        int h = half(x);
        Tensor a = x.slice(1, 0, h), b = x.slice(1, h, 2 * h);
        return Tensor.concat(java.util.List.of(a.add(b), b.sub(a)), 1);
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        Tensor num = rotated(q).matmul(r, false, true);
        Tensor nq = q.norm(1, true), nr = r.norm(1, false).unsqueeze(0);
        return num.div(nq.mul(nr)).abs();
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        Tensor num = rotated(q).mul(r).sum(new int[]{1}, false);
        return num.div(q.norm(1, false).mul(r.norm(1, false))).abs();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }
}
