package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.samplers.miners.Miner;

import java.util.List;

/**
 * O08 · PML {@code TwoStreamMetricLoss}: anchors come from stream A ({@code e_A}), positives and negatives from
 * stream B ({@code e_B}); {@code tuple = miner(sg(e_A), y_A, sg(e_B), y_B)} (anchor indices into A, p/n into B; PML
 * passes {@code labels.clone()} so the pair (i, i) across the streams is a positive). Without a miner: all triplets
 * across the streams. The loss then gets {@code e_B} as {@code ref_embeddings}; a loss that declares no reference
 * input gets PML's form instead: {@code cat(e_A, e_B)} with the p/n indices shifted by N.
 */
public final class TwoStreamMetricLoss {
    private final Loss loss;
    private final Miner miner;

    /** @param miner may be null (all cross-stream triplets) */
    public TwoStreamMetricLoss(Loss loss, Miner miner) {
        if (loss == null) throw new IllegalArgumentException("O08: metric loss is required");
        this.loss = loss;
        this.miner = miner;
    }

    public IndicesTuple mine(Tensor anchors, int[] labels, Tensor posnegs, int[] refLabels) {
        check(anchors, labels, posnegs, refLabels);
        if (miner == null) return IndicesTuple.allTriplets(labels, refLabels, false);
        return miner.mine(anchors.detach(), labels, posnegs.detach(), refLabels);
    }

    public Tensor loss(Tensor anchors, int[] labels, Tensor posnegs, int[] refLabels, IndicesTuple mined) {
        check(anchors, labels, posnegs, refLabels);
        if (mined == null) throw new IllegalArgumentException("O08: TwoStreamMetricLoss needs the cross-stream tuple");
        if (acceptsReference(loss)) {
            return loss.compute(LossInputs.of(anchors, labels)
                    .with(MetricLoss.REF_EMBEDDINGS, posnegs)
                    .with(MetricLoss.REF_LABELS, Tensor.ofInts(refLabels, refLabels.length))
                    .withMined(mined));
        }
        int n = anchors.dim(0);
        int[] all = new int[n + refLabels.length];
        System.arraycopy(labels, 0, all, 0, n);
        System.arraycopy(refLabels, 0, all, n, refLabels.length);
        Tensor cat = Tensor.concat(List.of(anchors, posnegs), 0);
        return loss.compute(LossInputs.of(cat, all).withMined(shift(mined, n)));
    }

    public Tensor compute(Tensor anchors, int[] labels, Tensor posnegs, int[] refLabels) {
        return loss(anchors, labels, posnegs, refLabels, mine(anchors, labels, posnegs, refLabels));
    }

    /** PML {@code shift_indices_tuple}: positives and negatives index the second half of the concatenation. */
    public static IndicesTuple shift(IndicesTuple t, int n) {
        int[] p = t.p().clone(), ng = t.n().clone();
        for (int i = 0; i < p.length; i++) p[i] += n;
        for (int i = 0; i < ng.length; i++) ng[i] += n;
        return t.triplets() ? IndicesTuple.triplets(t.a1(), p, ng) : IndicesTuple.pairs(t.a1(), p, t.a2(), ng);
    }

    static boolean acceptsReference(Loss loss) {
        return loss.inputs().stream().map(Input::name).anyMatch(MetricLoss.REF_EMBEDDINGS::equals);
    }

    private static void check(Tensor a, int[] labels, Tensor b, int[] refLabels) {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("O08: the two streams must be N x D and M x D with the same D");
        }
        if (labels.length != a.dim(0) || refLabels.length != b.dim(0)) {
            throw new IllegalArgumentException("O08: " + a.dim(0) + "/" + b.dim(0) + " stream rows but " + labels.length + "/" + refLabels.length + " labels");
        }
    }
}
