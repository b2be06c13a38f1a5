package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

import java.util.List;

/**
 * Gradient clipping by global norm (O01; PyTorch {@code clip_grad_norm_}): with n = ‖(g_1, …, g_k)‖₂, every
 * gradient is multiplied by min(1, maxNorm / (n + 1e-6)). Returns n (before clipping).
 */
public final class GradClip {
    private GradClip() {
    }

    public static double clipGlobalNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) throw new IllegalArgumentException("maxNorm must be finite and > 0, got " + maxNorm);
        double n = Grads.globalNorm(params);
        double c = maxNorm / (n + 1e-6);
        if (c < 1) Grads.scale(params, c);
        return n;
    }

    /** Clips all parameters of an optimizer's groups. */
    public static double clipGlobalNorm(Optimizer opt, double maxNorm) {
        return clipGlobalNorm(allParams(opt), maxNorm);
    }

    static List<Tensor> allParams(Optimizer opt) {
        return opt.groups().stream().flatMap(g -> g.params().stream()).toList();
    }
}
