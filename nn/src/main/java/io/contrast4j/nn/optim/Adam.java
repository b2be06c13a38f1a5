package io.contrast4j.nn.optim;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba, <i>Adam: A Method for Stochastic Optimization</i>, ICLR 2015), PyTorch semantics with
 * coupled L2 decay (O01): g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class Adam extends AdamBase {
    public Adam(List<ParamGroup> groups) {
        this(groups, 0.9, 0.999, 1e-8);
    }

    public Adam(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        super(groups, beta1, beta2, eps, false);
    }
}
