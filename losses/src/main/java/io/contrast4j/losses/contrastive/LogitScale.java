package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * The logit scale s = 1/τ of an InfoNCE-family loss: a constant, or a learnable scalar kept as log s (CLIP's
 * {@code logit_scale}, s = e^{log s}), exposed through {@link #parameters()}.
 */
public final class LogitScale {
    private final double fixed;
    private final Tensor logScale;

    private LogitScale(double fixed, Tensor logScale) {
        this.fixed = fixed;
        this.logScale = logScale;
    }

    public static LogitScale fixed(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be > 0 and finite, got " + scale);
        return new LogitScale(scale, null);
    }

    public static LogitScale learnable(double initialScale, DType dtype) {
        if (!(initialScale > 0) || Double.isInfinite(initialScale)) throw new IllegalArgumentException("scale must be > 0 and finite, got " + initialScale);
        return new LogitScale(Double.NaN, Tensor.scalar(Math.log(initialScale), dtype).requiresGrad(true).label("log_scale"));
    }

    /** From parameters {@code scale}/{@code temperature}, {@code learnable_scale} and {@code dtype}. */
    public static LogitScale fromParams(Params p, double defScale) {
        double s = InfoNce.scale(p, defScale);
        return p.getBoolean("learnable_scale", false) ? learnable(s, InfoNce.dtype(p)) : fixed(s);
    }

    /** logits · s. */
    public Tensor apply(Tensor x) {
        if (logScale == null) return x.mul(fixed);
        Tensor ls = logScale.dtype() == x.dtype() ? logScale : logScale.to(x.dtype());
        return x.mul(ls.exp());
    }

    /** Current value of s. */
    public double value() {
        return logScale == null ? fixed : Math.exp(logScale.item());
    }

    public boolean isLearnable() {
        return logScale != null;
    }

    public List<Tensor> parameters() {
        return logScale == null ? List.of() : List.of(logScale);
    }
}
