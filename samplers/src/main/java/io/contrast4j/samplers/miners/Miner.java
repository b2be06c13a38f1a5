package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.IndicesTuple;

/**
 * An in-batch miner (catalog section (g); pytorch-metric-learning {@code BaseMiner}): from embeddings and labels
 * (and an optional reference set) it selects pairs {@code (a1, p, a2, n)} or triplets {@code (a, p, n)} as an
 * {@link IndicesTuple}, computed without recording a graph. Indices {@code a}/{@code a1}/{@code a2} index the
 * embeddings; {@code p}/{@code n} index the reference set (the batch itself when none is given). Losses never call
 * miners: the caller attaches the tuple with {@code LossInputs.withMined}.
 */
public interface Miner extends Registered {

    /**
     * Mines against a reference set; {@code refEmbeddings}/{@code refLabels} both null means the batch itself
     * (then self-pairs {@code (i, i)} are never positives).
     */
    IndicesTuple mine(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels);

    /** Mines within the batch. */
    default IndicesTuple mine(Tensor embeddings, int[] labels) {
        return mine(embeddings, labels, null, null);
    }
}
