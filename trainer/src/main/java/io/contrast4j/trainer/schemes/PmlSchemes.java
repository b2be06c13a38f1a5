package io.contrast4j.trainer.schemes;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.classification.CrossEntropyLoss;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.losses.metric.MultiSimilarityLoss;
import io.contrast4j.samplers.miners.HdcMiner;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * O08 · PML training schemes (pytorch-metric-learning trainers {@code MetricLossOnly}, {@code TrainWithClassifier},
 * {@code TwoStreamMetricLoss}, {@code CascadedEmbeddings}; {@code DeepAdversarialMetricLearning} is S306): how a loss,
 * a miner and optional classifier heads combine into the scalar training loss.
 * <ul>
 * <li>{@link MetricLossOnly}: {@code L = metric(e, y, miner(sg(e), y))}</li>
 * <li>{@link TrainWithClassifier}: {@code + w_c · CE(e·Wᵀ, y)} (weighted sum, R10 style)</li>
 * <li>{@link TwoStreamMetricLoss}: anchors from stream A, positives/negatives from stream B, mined across the streams</li>
 * <li>{@link CascadedEmbeddings}: consecutive embedding slices, each with its own miner (HDC S108 filters the previous
 * stage's tuple), metric loss and optional classifier; losses summed</li>
 * </ul>
 * Miners run on detached embeddings. Defaults: loss weights 1. Gradient checks: one F64 case per scheme with the
 * mined tuples frozen at the seed's inputs and the classifier weights as perturbed parameters.
 */
public final class PmlSchemes implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("O08", "PML training schemes", "training-scheme", "T1",
            "pytorch-metric-learning trainers MetricLossOnly, TrainWithClassifier, TwoStreamMetricLoss, CascadedEmbeddings",
            "L = sum_k w_k metric_k(e_k, y, miner_k(sg(e_k), y)) + w_c CE(e_k W_k^T, y)");

    public static final Entry ENTRY = new Entry(new PmlSchemes(),
            List.of(metricLossOnlyCase(), trainWithClassifierCase(), twoStreamCase(), cascadedCase()));

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("metric_weight", "1", "classifier_weight", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings (stream A for TwoStream)"),
                Input.ints(LossInputs.LABELS, "N", "class labels"),
                Input.floats(MetricLoss.REF_EMBEDDINGS, "M x D", "stream B (TwoStream)").asOptional(),
                Input.ints(MetricLoss.REF_LABELS, "M", "stream B labels (TwoStream)").asOptional());
    }

    static Tensor batch(long seed, int n, int d) {
        return Tensor.randn(DType.F64, new Rng(seed * 31 + 7), n, d);
    }

    static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % classes;
        return y;
    }

    static Tensor head(long seed, int classes, int d) {
        return Tensor.randn(DType.F64, new Rng(seed * 31 + 11), classes, d).mul(0.5).detach();
    }

    private static GradCase metricLossOnlyCase() {
        return new GradCase("O08.MetricLossOnly", seed -> {
            MetricLossOnly s = new MetricLossOnly(new MultiSimilarityLoss(), new HdcMiner());
            Tensor e = batch(seed, 8, 4);
            int[] y = labels(8, 3);
            IndicesTuple t = s.mine(e, y);
            return new GradCase.Problem(Map.of(LossInputs.EMBEDDINGS, e), Map.of(), Set.of(),
                    m -> s.loss(m.get(LossInputs.EMBEDDINGS), y, t));
        });
    }

    private static GradCase trainWithClassifierCase() {
        return new GradCase("O08.TrainWithClassifier", seed -> {
            Tensor w = head(seed, 3, 4);
            TrainWithClassifier s = new TrainWithClassifier(new MultiSimilarityLoss(), new HdcMiner(),
                    new ClassifierHead(w, new CrossEntropyLoss()), 1, 0.5);
            Tensor e = batch(seed, 8, 4);
            int[] y = labels(8, 3);
            IndicesTuple t = s.mine(e, y);
            return new GradCase.Problem(Map.of(LossInputs.EMBEDDINGS, e), Map.of("classifier", w), Set.of(),
                    m -> s.loss(m.get(LossInputs.EMBEDDINGS), y, t));
        });
    }

    private static GradCase twoStreamCase() {
        return new GradCase("O08.TwoStreamMetricLoss", seed -> {
            TwoStreamMetricLoss s = new TwoStreamMetricLoss(new MultiSimilarityLoss(), new HdcMiner());
            Tensor a = batch(seed, 6, 4), b = batch(seed + 1000, 6, 4);
            int[] y = labels(6, 3);
            IndicesTuple t = s.mine(a, y, b, y);
            return new GradCase.Problem(Map.of(LossInputs.EMBEDDINGS, a, MetricLoss.REF_EMBEDDINGS, b), Map.of(), Set.of(),
                    m -> s.loss(m.get(LossInputs.EMBEDDINGS), y, m.get(MetricLoss.REF_EMBEDDINGS), y, t));
        });
    }

    private static GradCase cascadedCase() {
        return new GradCase("O08.CascadedEmbeddings", seed -> {
            Tensor w = head(seed, 3, 4);
            CascadedEmbeddings s = new CascadedEmbeddings(new int[]{2, 4},
                    List.of(new MultiSimilarityLoss(), new MultiSimilarityLoss()),
                    List.of(new HdcMiner(), new HdcMiner()),
                    Arrays.asList(null, new ClassifierHead(w, new CrossEntropyLoss())), 1);
            Tensor e = batch(seed, 8, 6);
            int[] y = labels(8, 3);
            List<IndicesTuple> t = s.mine(e, y);
            return new GradCase.Problem(Map.of(LossInputs.EMBEDDINGS, e), Map.of("classifier1", w), Set.of(),
                    m -> s.loss(m.get(LossInputs.EMBEDDINGS), y, t));
        });
    }
}
