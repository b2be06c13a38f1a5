package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.classification.Cls;

import java.util.Map;

/**
 * The learnable linear classifier of the PML {@code TrainWithClassifier} / {@code CascadedEmbeddings} schemes (O08):
 * logits {@code z = e·Wᵀ} with {@code W} of shape {@code C x D} (no bias, as PML's usual {@code nn.Linear(D, C, bias=False)}
 * heads), scored by a classification loss such as L301 on inputs {@code logits} and {@code targets}.
 *
 * @param weight the learnable {@code C x D} weight (a leaf the optimizer updates)
 * @param loss   the classification loss (e.g. L301 cross-entropy)
 */
public record ClassifierHead(Tensor weight, Loss loss) {
    public ClassifierHead {
        if (weight == null || weight.rank() != 2) throw new IllegalArgumentException("O08: classifier weight must be C x D");
        if (loss == null) throw new IllegalArgumentException("O08: classifier loss is required");
    }

    /** {@code e·Wᵀ} (N x C). */
    public Tensor logits(Tensor embeddings) {
        if (embeddings.dim(1) != weight.dim(1)) {
            throw new IllegalArgumentException("O08: classifier weight is " + weight.dim(0) + " x " + weight.dim(1)
                    + " but the embeddings have dimension " + embeddings.dim(1));
        }
        return embeddings.matmul(weight, false, true);
    }

    /** The classification loss of the head on these embeddings. */
    public Tensor loss(Tensor embeddings, int[] labels) {
        Tensor z = logits(embeddings);
        return loss.compute(LossInputs.of(Map.of(Cls.LOGITS, z, Cls.TARGETS, Tensor.ofInts(labels, labels.length))));
    }
}
