package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L316 · Normalized losses and active–passive loss (APL) — Ma et al., <i>Normalized Loss Functions for Deep Learning
 * with Noisy Labels</i> (ICML 2020).
 * Active: CE, FL (focal, γ), NCE = (−log p_y)/Σ_j(−log p_j), NFL = FL_y/Σ_j FL_j with FL_j = −(1−p_j)^γ log p_j.
 * Passive: MAE = 2(1 − p_y), RCE = −A(1 − p_y) with A = log 0 clipped to −4. APL = α·Active + β·Passive; mean over rows.
 * Defaults: active nce, passive rce, α = 1, β = 1 (the paper sets α, β per dataset), γ = 0.5 for FL/NFL.
 */
public final class NormalizedLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L316", "Normalized losses and active-passive loss (APL)", "classification", "T2",
            "Ma et al. 2020, Normalized Loss Functions for Deep Learning with Noisy Labels",
            "NCE = log p_y / sum_j log p_j; RCE = 4 (1 - p_y); MAE = 2 (1 - p_y); APL = alpha Active + beta Passive");
    public enum Active { CE, FL, NCE, NFL, NONE }
    public enum Passive { RCE, MAE, NONE }
    private final Active active;
    private final Passive passive;
    private final double alpha, beta, gamma;

    public NormalizedLoss(Active active, Passive passive, double alpha, double beta, double gamma) {
        if (active == Active.NONE && passive == Passive.NONE) throw new IllegalArgumentException("L316: active and passive cannot both be none");
        if (!(gamma >= 0)) throw new IllegalArgumentException("L316: parameter 'gamma' must be >= 0, got " + gamma);
        this.active = active;
        this.passive = passive;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
    }

    public static NormalizedLoss fromParams(Params p) {
        p.checkKnown(Set.of("active", "passive", "alpha", "beta", "gamma", "dtype"));
        Active a;
        Passive s;
        try {
            a = Active.valueOf(p.getString("active", "nce").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'active' must be ce, fl, nce, nfl or none; got '" + p.getString("active", "") + "'");
        }
        try {
            s = Passive.valueOf(p.getString("passive", "rce").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'passive' must be rce, mae or none; got '" + p.getString("passive", "") + "'");
        }
        return new NormalizedLoss(a, s, p.getDouble("alpha", 1), p.getDouble("beta", 1), p.getDouble("gamma", 0.5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int c = z.dim(1);
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), c);
        Tensor logp = z.logSoftmax(1);
        Tensor total = null;
        if (active != Active.NONE) {
            Tensor a = switch (active) {
                case CE -> Cls.pick(logp, y).neg();
                case NCE -> Cls.pick(logp, y).div(logp.sum(new int[]{1}, false));
                case FL -> Cls.pick(focal(z, logp), y);
                case NFL -> {
                    Tensor f = focal(z, logp);
                    yield Cls.pick(f, y).div(f.sum(new int[]{1}, false));
                }
                case NONE -> throw new IllegalStateException();
            };
            total = a.mul(alpha);
        }
        if (passive != Passive.NONE) {
            Tensor oneMinus = Cls.logOneMinusPy(z, y).exp();
            Tensor pv = oneMinus.mul(passive == Passive.RCE ? 4 : 2).mul(beta);
            total = total == null ? pv : total.add(pv);
        }
        return total.mean();
    }

    /** N x C focal terms −(1 − p_j)^γ log p_j, with 1 − p_j = e^{log(1 − p_j)} from log-sum-exp over the other classes. */
    private Tensor focal(Tensor z, Tensor logp) {
        if (gamma == 0) return logp.neg();
        Tensor oneMinus = logp.exp().affine(-1, 1).clampMin(0);
        return Cls.powUnit(oneMinus, gamma).mul(logp).neg();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("active", "nce", "passive", "rce", "alpha", "1", "beta", "1", "gamma", "0.5");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
