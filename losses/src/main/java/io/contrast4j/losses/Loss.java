package io.contrast4j.losses;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * A loss: forward code only; its gradient comes from the tape. Inputs are named as the registry declares them
 * ({@link #inputs()}), e.g. {@code embeddings} + {@code labels}, or {@code anchors}, {@code positives}, {@code negatives}.
 */
public interface Loss extends Registered {
    /** The scalar loss for these inputs. A batch with no valid pair or triplet gives a zero loss still on the graph. */
    Tensor compute(LossInputs inputs);

    /** Learnable state (proxies, class centres, margins, temperatures) for the optimizer; empty for most losses. */
    default List<Tensor> parameters() {
        return List.of();
    }
}
