package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.samplers.miners.Miner;

/**
 * O08 · PML {@code MetricLossOnly}: {@code tuple = miner(sg(e), y)}; {@code L = metric_loss(e, y, tuple)}.
 * Without a miner the loss sees every valid tuple of the batch. The miner runs on detached embeddings.
 */
public final class MetricLossOnly {
    private final Loss loss;
    private final Miner miner;

    /** @param miner may be null (no mining) */
    public MetricLossOnly(Loss loss, Miner miner) {
        if (loss == null) throw new IllegalArgumentException("O08: metric loss is required");
        this.loss = loss;
        this.miner = miner;
    }

    /** The mined tuple (null without a miner). */
    public IndicesTuple mine(Tensor embeddings, int[] labels) {
        return miner == null ? null : miner.mine(embeddings.detach(), labels);
    }

    /** The metric loss with a given (e.g. frozen) tuple; null means all tuples. */
    public Tensor loss(Tensor embeddings, int[] labels, IndicesTuple mined) {
        LossInputs in = LossInputs.of(embeddings, labels);
        return loss.compute(mined == null ? in : in.withMined(mined));
    }

    public Tensor compute(Tensor embeddings, int[] labels) {
        return loss(embeddings, labels, mine(embeddings, labels));
    }
}
