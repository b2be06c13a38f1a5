package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L124 · Global alignment of masked and full views (Glocal-IB) — <i>Glocal Information Bottleneck for Time Series
 * Imputation</i>. Inputs: the imputation x̂ ({@code reconstruction}, B x T), the ground truth x ({@code targets},
 * B x T), the 1/0 evaluation mask m ({@code mask}, B x T, entries counted in the reconstruction loss), and the latent
 * codes of the masked input z_m ({@code anchors}, B x D) and of the observed input z_o ({@code positives}, B x D).
 * L = Σ m⊙(x̂ − x)² / Σ m + λ·align(z_m, sg z_o), align = InfoNCE with cos/τ and in-batch negatives ({@code align=infonce})
 * or mean(1 − cos) ({@code align=cos}). {@code detach_target} (default true) makes z_o the constant teacher; the
 * registry gradient check sets it false. Defaults: λ = 1, align = infonce, τ = 0.1.
 * Formula not verified against the paper: follows CATALOG.md.
 */
public final class GlocalIbLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L124", "Global alignment of masked and full views (Glocal-IB)", "contrastive", "T2",
            "Glocal Information Bottleneck for Time Series Imputation",
            "masked MSE(x̂, x) + λ·align(z(x_masked), sg z(x_obs)), align = InfoNCE or 1 − cos");
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String TARGETS = "targets";
    public static final String MASK = "mask";
    private final double lambda, tau;
    private final boolean infoNce, detachTarget;

    public GlocalIbLoss(double lambda, boolean infoNce, double tau, boolean detachTarget) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        this.lambda = lambda;
        this.infoNce = infoNce;
        this.tau = tau;
        this.detachTarget = detachTarget;
    }

    public static GlocalIbLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "align", "temperature", "detach_target", "dtype"));
        String a = p.getString("align", "infonce");
        if (!a.equals("infonce") && !a.equals("cos")) throw new IllegalArgumentException("parameter 'align' must be infonce or cos, got '" + a + "'");
        return new GlocalIbLoss(p.getDouble("lambda", 1), a.equals("infonce"), p.getPositive("temperature", 0.1), p.getBoolean("detach_target", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor xh = in.get(RECONSTRUCTION), x = in.get(TARGETS), zm = in.get(InfoNce.ANCHORS), zo = in.get(InfoNce.POSITIVES);
        if (!Arrays.equals(xh.shape(), x.shape())) throw new IllegalArgumentException(INFO.id() + ": reconstruction " + Arrays.toString(xh.shape()) + " and targets " + Arrays.toString(x.shape()) + " differ");
        InfoNce.checkCols(INFO.id(), zm, zo, null);
        Tensor m = in.has(MASK) ? in.get(MASK).to(xh.dtype()).detach() : Tensor.ones(xh.dtype(), xh.shape());
        if (!Arrays.equals(m.shape(), x.shape())) throw new IllegalArgumentException(INFO.id() + ": mask must be " + Arrays.toString(x.shape()));
        double count = m.sum().item();
        Tensor d = xh.sub(x);
        Tensor rec = count == 0 ? LossInputs.zeroLoss(xh) : d.mul(d).mul(m).sum().div(count);
        Tensor target = detachTarget ? zo.detach() : zo;
        Tensor align = infoNce
                ? InfoNce.ce(Similarity.COS.matrix(zm, target).div(tau), InfoNce.arange(zm.dim(0))).mean()
                : Similarity.COS.pairwise(zm, target).neg().add(1).mean();
        return rec.add(align.mul(lambda));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1", "align", "infonce", "temperature", "0.1", "detach_target", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(RECONSTRUCTION, "B x T", "imputed series"),
                Input.floats(TARGETS, "B x T", "ground-truth series (constant)"),
                Input.ints(MASK, "B x T", "1 = entry counted in the reconstruction loss (default: all)").asOptional(),
                Input.floats(InfoNce.ANCHORS, "B x D", "latent code of the masked input"),
                Input.floats(InfoNce.POSITIVES, "B x D", "latent code of the fully observed input (teacher)"));
    }
}
