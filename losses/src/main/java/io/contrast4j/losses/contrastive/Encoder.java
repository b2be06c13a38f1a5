package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;

/** Features to embeddings, as GradCache (L103) needs it: re-runnable on row chunks. */
public interface Encoder {
    /** Embeddings (n x D) of a chunk of input features (n x ...). Must be deterministic per call (restore RNG state for dropout). */
    Tensor encode(Tensor features);
}
