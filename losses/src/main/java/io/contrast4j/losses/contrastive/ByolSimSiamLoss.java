package io.contrast4j.losses.contrastive;

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
 * L130 · BYOL / SimSiam — Grill et al., <i>Bootstrap Your Own Latent</i> (NeurIPS 2020); Chen &amp; He,
 * <i>Exploring Simple Siamese Representation Learning</i> (CVPR 2021).
 * Inputs: online predictions p₁, p₂ of the two views and target projections z₁, z₂ (EMA network for BYOL, the same
 * network for SimSiam). BYOL: L = mean_i [(2 − 2cos(p₁, sg z₂)) + (2 − 2cos(p₂, sg z₁))];
 * SimSiam: L = mean_i [−½cos(p₁, sg z₂) − ½cos(p₂, sg z₁)].
 * {@code stop_gradient} (default true) applies sg to the targets; with false the targets receive gradients (used
 * for the registry gradient check, whose target gradients would otherwise be frozen to zero).
 * Defaults: mode byol, stop_gradient true; BYOL's EMA momentum 0.996→1 lives in O04.
 */
public final class ByolSimSiamLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L130", "BYOL / SimSiam", "contrastive", "T2",
            "Grill et al. 2020, Bootstrap Your Own Latent; Chen & He 2021, Exploring Simple Siamese Representation Learning",
            "BYOL: 2 − 2cos(p₁, sg z₂) + (sym.); SimSiam: −½cos(p₁, sg z₂) − ½cos(p₂, sg z₁)");
    public static final String P1 = "predictions", P2 = "ref_predictions", Z1 = "targets", Z2 = "ref_targets";
    private final boolean simSiam, stopGradient;

    public ByolSimSiamLoss(boolean simSiam, boolean stopGradient) {
        this.simSiam = simSiam;
        this.stopGradient = stopGradient;
    }

    public static ByolSimSiamLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "stop_gradient", "dtype"));
        String m = p.getString("mode", "byol");
        if (!m.equals("byol") && !m.equals("simsiam")) throw new IllegalArgumentException("parameter 'mode' must be byol or simsiam, got '" + m + "'");
        return new ByolSimSiamLoss(m.equals("simsiam"), p.getBoolean("stop_gradient", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor p1 = in.get(P1), p2 = in.get(P2), z1 = in.get(Z1), z2 = in.get(Z2);
        InfoNce.checkCols(INFO.id(), p1, p2, null);
        InfoNce.checkCols(INFO.id(), z1, z2, null);
        if (stopGradient) {
            z1 = z1.detach();
            z2 = z2.detach();
        }
        Tensor c12 = Similarity.COS.pairwise(p1, z2), c21 = Similarity.COS.pairwise(p2, z1);
        Tensor per = simSiam ? c12.add(c21).mul(-0.5) : c12.add(c21).affine(-2, 4);
        return per.mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "byol", "stop_gradient", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(P1, "N x D", "online predictions of view 1"), Input.floats(P2, "N x D", "online predictions of view 2"),
                Input.floats(Z1, "N x D", "target projections of view 1"), Input.floats(Z2, "N x D", "target projections of view 2"));
    }
}
