package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

/**
 * Sampling-free bias initialisation and guided loss scaling (O15; Chen et al., <i>Is Heuristic Sampling Necessary
 * in Training Deep Object Detectors?</i>, TIP 2021): initialise a sigmoid classifier's bias to
 * b = −log((1−π)/π) with π the positive prior (cf. SigLIP's b₀ = −10, L106), and scale the classification loss as
 * L_cls·sg(L_reg/L_cls) so its magnitude follows the regression loss. Port: for sigmoid pair losses with many
 * negatives, initialise the bias from the positive rate instead of sub-sampling negatives. (The detector's
 * class-adaptive inference threshold has no counterpart here and is not implemented.)
 */
public final class PriorBias {
    private PriorBias() {
    }

    /** b = −log((1−π)/π) for π in (0, 1). */
    public static double bias(double prior) {
        if (!(prior > 0 && prior < 1)) throw new IllegalArgumentException("prior must be in (0, 1), got " + prior);
        return -Math.log((1 - prior) / prior);
    }

    /** The positive rate π = positives / total. */
    public static double prior(long positives, long total) {
        if (total <= 0 || positives <= 0 || positives >= total) throw new IllegalArgumentException("need 0 < positives < total, got " + positives + " of " + total);
        return (double) positives / total;
    }

    /** L_cls·sg(L_reg/L_cls): value L_reg, gradient (L_reg/L_cls)·∇L_cls. Both scalars, L_cls &gt; 0. */
    public static Tensor guidedScale(Tensor clsLoss, Tensor regLoss) {
        if (clsLoss.numel() != 1 || regLoss.numel() != 1) throw new IllegalArgumentException("guidedScale: losses must be scalars");
        double c = clsLoss.item();
        if (!(c > 0)) throw new IllegalArgumentException("guidedScale: classification loss must be > 0, got " + c);
        return clsLoss.mul(regLoss.detach().div(clsLoss.detach()));
    }
}
