package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.samplers.miners.Miner;

/**
 * O08 · PML {@code TrainWithClassifier}: {@code L = w_m · metric_loss(e, y, miner(sg(e), y)) + w_c · CE(e·Wᵀ, y)},
 * a learnable linear head on the embeddings and the weighted sum of the two losses (PML {@code loss_weights}, R10
 * style). Defaults: both weights 1.
 */
public final class TrainWithClassifier {
    private final MetricLossOnly metric;
    private final ClassifierHead head;
    private final double metricWeight, classifierWeight;

    public TrainWithClassifier(Loss metricLoss, Miner miner, ClassifierHead head, double metricWeight, double classifierWeight) {
        if (head == null) throw new IllegalArgumentException("O08: TrainWithClassifier needs a classifier head");
        if (!Double.isFinite(metricWeight) || !Double.isFinite(classifierWeight) || metricWeight < 0 || classifierWeight < 0) {
            throw new IllegalArgumentException("O08: loss weights must be finite and >= 0, got " + metricWeight + ", " + classifierWeight);
        }
        this.metric = new MetricLossOnly(metricLoss, miner);
        this.head = head;
        this.metricWeight = metricWeight;
        this.classifierWeight = classifierWeight;
    }

    public ClassifierHead head() {
        return head;
    }

    public IndicesTuple mine(Tensor embeddings, int[] labels) {
        return metric.mine(embeddings, labels);
    }

    public Tensor loss(Tensor embeddings, int[] labels, IndicesTuple mined) {
        Tensor m = metric.loss(embeddings, labels, mined).mul(metricWeight);
        return m.add(head.loss(embeddings, labels).mul(classifierWeight));
    }

    public Tensor compute(Tensor embeddings, int[] labels) {
        return loss(embeddings, labels, mine(embeddings, labels));
    }
}
