package io.contrast4j.losses.classification;

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
 * L308 · Z-loss (spherical family; shift and scale invariant) — de Brébisson &amp; Vincent, <i>The Z-loss: a shift and
 * scale invariant classification loss belonging to the Spherical Family</i> (2016). Not the PaLM (log Z)² regulariser.
 * μ = mean_k o_k, σ² = mean_k o_k² − μ² (population), z = (o − μ)/σ; ℓ = (1/a)·softplus(a(b − z_y)); mean over rows.
 * μ and σ need only Σo and Σo² (the spherical-family property); here they are computed from the full output row.
 * Defaults: a = 1, b = 1 — the paper tunes (a, b) by grid search; these defaults are not the paper's (the formula was
 * checked against a secondary summary of the paper, the defaults could not be).
 */
public final class ZLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L308", "Z-loss (spherical family)", "classification", "T1",
            "de Brebisson & Vincent 2016, The Z-loss: a shift and scale invariant classification loss belonging to the Spherical Family",
            "z = (o - mean(o)) / std(o); l = softplus(a (b - z_y)) / a");
    private final double a, b;

    public ZLoss(double a, double b) {
        if (!(a > 0)) throw new IllegalArgumentException("L308: parameter 'a' must be > 0, got " + a);
        this.a = a;
        this.b = b;
    }

    public static ZLoss fromParams(Params p) {
        p.checkKnown(Set.of("a", "b", "dtype"));
        return new ZLoss(p.getDouble("a", 1), p.getDouble("b", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor o = Cls.logits(INFO.id(), in);
        if (o.dim(1) < 2) throw new IllegalArgumentException("L308: needs at least 2 classes, got " + o.dim(1));
        int[] y = Cls.targets(INFO.id(), in, o.dim(0), o.dim(1));
        Tensor c = o.sub(o.mean(new int[]{1}, true));
        Tensor sd = c.mul(c).mean(new int[]{1}, false).sqrt();
        double minSd;
        try (var g = io.contrast4j.autograd.Grad.off()) {
            minSd = sd.min().item();
        }
        if (!(minSd > 0)) throw new IllegalArgumentException("L308: a row of logits has zero spread (all classes equal); the Z-normalisation is undefined");
        Tensor zy = Cls.pick(c, y).div(sd);
        return zy.affine(-a, a * b).softplus().div(a).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("a", "1", "b", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
