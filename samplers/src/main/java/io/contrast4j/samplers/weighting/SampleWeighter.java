package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * Per-sample weights from per-sample losses, computed without gradient (R11 contract: consumers use
 * L = Σ sg(w)·ℓ / Σ sg(w), mean(sg(w)ℓ) or Σ sg(w)ℓ, e.g. through {@code losses.reducers.SampleWeightReducer}).
 */
public interface SampleWeighter extends Registered {
    /** Weights for a batch of per-sample loss values (length N, all finite). */
    double[] weights(double[] losses);

    /** {@link #weights(double[])} for a loss tensor (N); the result is a detached tensor of the same dtype. */
    default Tensor weights(Tensor losses) {
        if (losses.rank() != 1) throw new IllegalArgumentException(info().id() + ": losses must be a 1-D tensor, got rank " + losses.rank());
        double[] l;
        try (var g = Grad.off()) {
            l = losses.detach().toDoubleArray();
        }
        return Tensor.of(weights(l), l.length).to(losses.dtype());
    }

    @Override
    default List<Input> inputs() {
        return List.of(Input.floats("losses", "N", "per-sample losses (detached)"));
    }

    /** Checks every loss is finite, naming the first bad index. */
    static void checkFinite(String id, double[] losses) {
        if (losses == null) throw new IllegalArgumentException(id + ": losses must not be null");
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isFinite(losses[i])) throw new IllegalArgumentException(id + ": losses[" + i + "] is not finite (" + losses[i] + ")");
        }
    }
}
