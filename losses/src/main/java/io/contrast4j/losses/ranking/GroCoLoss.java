package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L213 · Group-ordering constraints via differentiable sorting (GroCo) — Shvetsova et al., <i>Learning by Sorting:
 * Self-supervised Learning with Group Ordering Constraints</i> (ICCV 2023); relaxed sorting networks after Petersen
 * et al., <i>Differentiable Sorting Networks</i> (ICML 2021).
 * Per anchor a group of n {@code distances} (B x n) with {@code labels} (1 positive, 0 negative). A relaxed odd-even
 * transposition network (n layers; each compare-swap of (x_i, x_{i+1}) keeps the order with α = σ(β(x_{i+1} − x_i)):
 * x'_i = α x_i + (1−α) x_{i+1}, x'_{i+1} = (1−α) x_i + α x_{i+1}, and the same mix of the rows of the soft permutation
 * P, starting from I) sorts ascending. Target: the n⁺ positives occupy the first n⁺ ranks; with the rank-block marginal
 * m_e = Σ_{r &lt; n⁺} P[r, e], L = mean_{b,e} BCE(m_e, 1[e positive]) (m clamped to [10⁻⁷, 1 − 10⁻⁷]). Rows without a
 * positive or without a negative are skipped. Only the odd-even network is provided (no bitonic variant).
 * Formula not verified against the paper: follows CATALOG.md. Defaults: steepness β = 10.
 */
public final class GroCoLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L213", "Group-ordering constraints via differentiable sorting (GroCo)", "ranking", "T2",
            "Shvetsova et al. 2023, Learning by Sorting: Self-supervised Learning with Group Ordering Constraints",
            "P = relaxed odd-even sort of the group's distances; L = BCE(sum_{r < n+} P[r, e], 1[e positive])");
    public static final String DISTANCES = "distances";
    private final double beta;

    public GroCoLoss(double beta) {
        if (!(beta > 0)) throw new IllegalArgumentException("L213: parameter 'steepness' must be > 0, got " + beta);
        this.beta = beta;
    }

    public static GroCoLoss fromParams(Params p) {
        p.checkKnown(Set.of("steepness", "dtype"));
        return new GroCoLoss(p.getPositive("steepness", 10));
    }

    /** One relaxed compare-swap layer on the rows [start, start + 2m) of x (B x n) and of P (B x n x n). */
    private Tensor[] layer(Tensor x, Tensor p, int start) {
        int b = x.dim(0), n = x.dim(1);
        int m = (n - start) / 2;
        if (m == 0) return new Tensor[]{x, p};
        Tensor xs = x.slice(1, start, start + 2 * m).reshape(b, m, 2);
        Tensor xa = xs.slice(2, 0, 1), xb = xs.slice(2, 1, 2); // B x m x 1
        Tensor keep = xb.sub(xa).mul(beta).sigmoid(), swap = keep.affine(-1, 1);
        Tensor nx = Tensor.concat(List.of(keep.mul(xa).add(swap.mul(xb)), swap.mul(xa).add(keep.mul(xb))), 2).reshape(b, 2 * m);
        Tensor ps = p.slice(1, start, start + 2 * m).reshape(b, m, 2, n);
        Tensor pa = ps.slice(2, 0, 1), pb = ps.slice(2, 1, 2); // B x m x 1 x n
        Tensor k4 = keep.reshape(b, m, 1, 1), s4 = swap.reshape(b, m, 1, 1);
        Tensor np = Tensor.concat(List.of(k4.mul(pa).add(s4.mul(pb)), s4.mul(pa).add(k4.mul(pb))), 2).reshape(b, 2 * m, n);
        List<Tensor> xParts = new ArrayList<>(), pParts = new ArrayList<>();
        if (start > 0) {
            xParts.add(x.slice(1, 0, start));
            pParts.add(p.slice(1, 0, start));
        }
        xParts.add(nx);
        pParts.add(np);
        if (start + 2 * m < n) {
            xParts.add(x.slice(1, start + 2 * m, n));
            pParts.add(p.slice(1, start + 2 * m, n));
        }
        return new Tensor[]{Tensor.concat(xParts, 1), Tensor.concat(pParts, 1)};
    }

    /** Soft permutation B x n x n (row = rank, column = element) of an ascending relaxed odd-even sort of x (B x n). */
    public Tensor softSort(Tensor x) {
        int b = x.dim(0), n = x.dim(1);
        double[] eye = new double[b * n * n];
        for (int q = 0; q < b; q++) for (int i = 0; i < n; i++) eye[(q * n + i) * n + i] = 1;
        Tensor p = Tensor.of(eye, b, n, n).to(x.dtype());
        for (int l = 0; l < n; l++) {
            Tensor[] r = layer(x, p, l % 2);
            x = r[0];
            p = r[1];
        }
        return p;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor d = in.get(DISTANCES);
        Tensor y = in.get(Lists.LABELS);
        if (d.rank() != 2 || d.dim(1) < 2 || !Shape.same(d.shape(), y.shape())) throw new IllegalArgumentException("L213: distances and labels must both be B x n with n >= 2, got " + Shape.str(d.shape()) + " and " + Shape.str(y.shape()));
        int b = d.dim(0), n = d.dim(1);
        double[] yh = Lists.host(y);
        double[] block = new double[b * n], target = new double[b * n], keepRow = new double[b];
        int rows = 0;
        for (int q = 0; q < b; q++) {
            int np = 0;
            for (int e = 0; e < n; e++) if (yh[q * n + e] > 0.5) np++;
            if (np == 0 || np == n) continue;
            keepRow[q] = 1;
            rows++;
            for (int r = 0; r < np; r++) block[q * n + r] = 1;
            for (int e = 0; e < n; e++) target[q * n + e] = yh[q * n + e] > 0.5 ? 1 : 0;
        }
        if (rows == 0) return LossInputs.zeroLoss(d);
        DType dt = d.dtype();
        Tensor p = softSort(d);
        Tensor marg = p.mul(Tensor.of(block, b, n, 1).to(dt)).sum(new int[]{1}, false).clamp(1e-7, 1 - 1e-7); // B x n
        Tensor t = Tensor.of(target, b, n).to(dt);
        Tensor bce = t.mul(marg.log()).add(t.affine(-1, 1).mul(marg.affine(-1, 1).log())).neg().mean(new int[]{1}, false);
        return bce.mul(Tensor.of(keepRow, b).to(dt)).sum().div(rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("steepness", "10");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(DISTANCES, "B x n", "distances from each anchor to its group (positives and negatives)"),
                Input.floats(Lists.LABELS, "B x n", "1 = positive, 0 = negative"));
    }
}
