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
 * L306 · Asymmetric loss (ASL) — Ridnik et al., <i>Asymmetric Loss For Multi-Label Classification</i> (ICCV 2021).
 * p = σ(z); L₊ = (1−p)^{γ₊} log p; p_m = max(p − m, 0); L₋ = p_m^{γ₋} log(1 − p_m); L = −Σ_{i,c} [y L₊ + (1−y) L₋],
 * divided by N (sum over labels, mean over samples). log p = −softplus(−z); log(1 − p_m) = log(1 − p + m) for m &gt; 0,
 * −softplus(z) for m = 0. {@code detach_focal} stops the gradient through the focusing weights (the official code's
 * {@code disable_torch_grad_focal_loss}). Targets: {@code targets} N x C in {0, 1}.
 * Defaults: γ₊ = 0, γ₋ = 4, m = 0.05, detach_focal false.
 */
public final class AsymmetricLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L306", "Asymmetric loss (ASL)", "classification", "T1",
            "Ridnik et al. 2021, Asymmetric Loss For Multi-Label Classification",
            "L = -sum [y (1-p)^g+ log p + (1-y) p_m^g- log(1-p_m)], p_m = max(p-m, 0)");
    private final double gammaPos, gammaNeg, clip;
    private final boolean detachFocal;

    public AsymmetricLoss(double gammaPos, double gammaNeg, double clip, boolean detachFocal) {
        if (!(gammaPos >= 0 && gammaNeg >= 0)) throw new IllegalArgumentException("L306: gamma_pos and gamma_neg must be >= 0");
        if (!(clip >= 0 && clip < 1)) throw new IllegalArgumentException("L306: parameter 'clip' must be in [0, 1), got " + clip);
        this.gammaPos = gammaPos;
        this.gammaNeg = gammaNeg;
        this.clip = clip;
        this.detachFocal = detachFocal;
    }

    public static AsymmetricLoss fromParams(Params p) {
        p.checkKnown(Set.of("gamma_pos", "gamma_neg", "clip", "detach_focal", "dtype"));
        return new AsymmetricLoss(p.getDouble("gamma_pos", 0), p.getDouble("gamma_neg", 4), p.getDouble("clip", 0.05), p.getBoolean("detach_focal", false));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        Tensor y = Cls.sameShape(INFO.id(), in, Cls.TARGETS, z);
        Tensor p = z.sigmoid();
        Tensor wPos = Cls.powUnit(p.affine(-1, 1), gammaPos);
        Tensor lPos = Cls.logSigmoid(z);
        Tensor lNeg, wNeg;
        if (clip > 0) {
            Tensor pm = p.sub(clip).relu();
            lNeg = pm.affine(-1, 1).log();
            wNeg = Cls.powUnit(pm, gammaNeg);
        } else {
            lNeg = z.softplus().neg();
            wNeg = Cls.powUnit(p, gammaNeg);
        }
        if (detachFocal) {
            wPos = wPos.detach();
            wNeg = wNeg.detach();
        }
        Tensor l = y.mul(wPos).mul(lPos).add(y.affine(-1, 1).mul(wNeg).mul(lNeg));
        return l.sum().div(-z.dim(0));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma_pos", "0", "gamma_neg", "4", "clip", "0.05", "detach_focal", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.floats(Cls.TARGETS, "N x C", "multi-label targets in {0, 1}"));
    }
}
