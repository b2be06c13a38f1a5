package io.contrast4j.nn.optim;

import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter, <i>Decoupled Weight Decay Regularization</i>, ICLR 2019), PyTorch semantics (O01):
 * θ ← θ(1 − ηλ), then the Adam step θ ← θ − η·m̂/(√v̂ + ε) on the raw gradient. Defaults β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8; λ comes from the {@link ParamGroup} (PyTorch's default is 0.01). O20's "heavy decoupled decay" is
 * this optimizer with λ up to ~30× the usual value.
 */
public final class AdamW extends AdamBase {
    public AdamW(List<ParamGroup> groups) {
        this(groups, 0.9, 0.999, 1e-8);
    }

    public AdamW(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        super(groups, beta1, beta2, eps, true);
    }
}
