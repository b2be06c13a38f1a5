package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;

import java.util.Map;
import java.util.Set;

/**
 * L060 · Lp embedding regularizer — PML {@code LpRegularizer}.
 * Per embedding ‖x‖_p^{power}; mean over the batch (R01).
 * Defaults: p = 2, power = 1 (no normalisation). Gradient check: ‖x‖ = 0 is a kink.
 */
public final class LpRegularizer extends Regularizer {
    public static final CatalogInfo INFO = new CatalogInfo("L060", "Lp embedding regularizer", "regularizer", "T1",
            "PML LpRegularizer", "mean_i ‖x_i‖_p^power");
    private final double p, power;

    public LpRegularizer() {
        this(2, 1);
    }

    public LpRegularizer(double p, double power) {
        if (!(p >= 1)) throw new IllegalArgumentException("parameter 'p' must be >= 1, got " + p);
        if (!(power > 0)) throw new IllegalArgumentException("parameter 'power' must be > 0, got " + power);
        this.p = p;
        this.power = power;
    }

    public static LpRegularizer fromParams(Params ps) {
        ps.checkKnown(Set.of("p", "power", "dtype"));
        return new LpRegularizer(ps.getDouble("p", 2), ps.getPositive("power", 1));
    }

    @Override
    public Target target() {
        return Target.EMBEDDINGS;
    }

    @Override
    public Tensor regularize(Tensor x) {
        checkMatrix(x);
        Tensor norms = p == 2 ? x.norm(1, false) : p == 1 ? x.abs().sum(1) : x.abs().pow(p).sum(1).pow(1 / p);
        return (power == 1 ? norms : norms.pow(power)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("p", "2", "power", "1");
    }
}
