package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L055 · Center loss — Wen et al., <i>A Discriminative Feature Learning Approach for Deep Face Recognition</i>
 * (ECCV 2016); DL4J {@code CenterLossOutputLayer}.
 * L = mean_i CE(x_i·Wᵀ + b, y_i) + (λ/2)·mean_i ‖x_i − c_{y_i}‖² (the paper's sums over the mini-batch, divided by
 * its size); centres are rule-updated state (no gradient): c_j ← c_j − α·Σ_{i: y_i = j}(c_j − x_i)/(1 + n_j),
 * applied after the loss value is taken when {@code update=true} (or explicitly with {@link #updateCenters}).
 * The softmax head (W: C x D xavier-normal, b = 0, both learnable) can be switched off with {@code softmax=false},
 * leaving only the centre term (to combine with another loss via R10).
 * Defaults (DL4J): alpha = 0.05, lambda = 2e-4, softmax = true, update = true; centres start at 0.
 * Head LR: the backbone's (it is an ordinary output layer).
 */
public final class CenterLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L055", "Center loss", "metric-learning", "T2",
            "Wen et al. 2016, A Discriminative Feature Learning Approach for Deep Face Recognition; DL4J CenterLossOutputLayer",
            "L = CE + (λ/2)·mean_i ‖x_i − c_{y_i}‖²; c_j ← c_j − α·Σ_{y_i=j}(c_j − x_i)/(1 + n_j)");
    private final double alpha, lambda;
    private final boolean softmax, update;
    private final Tensor weights, bias;
    private Tensor centers;

    public CenterLoss(int numClasses, int embeddingSize, double alpha, double lambda, boolean softmax, boolean update, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("parameter 'alpha' must be in [0, 1], got " + alpha);
        if (!(lambda >= 0)) throw new IllegalArgumentException("parameter 'lambda' must be >= 0, got " + lambda);
        this.alpha = alpha;
        this.lambda = lambda;
        this.softmax = softmax;
        this.update = update;
        this.weights = ProxyOps.learnable(ProxyOps.xavierNormal(dtype, new Rng(seed), 1.0, numClasses, embeddingSize));
        this.bias = ProxyOps.learnable(Tensor.zeros(dtype, numClasses));
        this.centers = Tensor.zeros(dtype, numClasses, embeddingSize);
    }

    public static CenterLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "alpha", "lambda", "softmax", "update", "dtype", "seed"));
        return new CenterLoss(ProxyOps.requiredInt(p, "num_classes", "L055"), ProxyOps.requiredInt(p, "embedding_size", "L055"),
                p.getDouble("alpha", 0.05), p.getDouble("lambda", 2e-4), p.getBoolean("softmax", true), p.getBoolean("update", true),
                ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    /** Current centres (C x D; a detached copy). */
    public Tensor centers() {
        return centers.detach();
    }

    public void setCenters(Tensor c) {
        if (c.rank() != 2 || c.dim(0) != numClasses || c.dim(1) != embeddingSize) throw new IllegalArgumentException("L055: centres must be " + numClasses + " x " + embeddingSize);
        centers = c.detach().to(dtype);
    }

    /** The centre rule: c_j ← c_j − α·Σ_{i: y_i = j}(c_j − x_i)/(1 + n_j). */
    public void updateCenters(Tensor embeddings, int[] labels) {
        double[] x = embeddings.detach().toDoubleArray(), c = centers.toDoubleArray();
        int d = embeddingSize;
        double[] delta = new double[c.length];
        int[] count = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < d; j++) delta[labels[i] * d + j] += c[labels[i] * d + j] - x[i * d + j];
        }
        for (int k = 0; k < numClasses; k++) for (int j = 0; j < d; j++) c[k * d + j] -= alpha * delta[k * d + j] / (1 + count[k]);
        centers = Tensor.of(c, numClasses, d).to(dtype);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        Tensor x = b.embeddings();
        int n = b.size();
        Tensor diff = x.sub(centers.indexSelect(0, b.labels()));
        Tensor loss = diff.mul(diff).sum(1).mean().mul(lambda / 2);
        if (softmax) {
            Tensor logits = x.matmul(weights, false, true).add(bias.reshape(1, numClasses));
            loss = weightedMean(ProxyOps.crossEntropyRows(logits, b.labels()), b.minerWeights()).add(loss);
        }
        if (update) updateCenters(x, b.labels());
        return n == 0 ? LossInputs.zeroLoss(x) : loss;
    }

    @Override
    public List<Tensor> parameters() {
        return softmax ? List.of(weights, bias) : List.of();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", "0.05", "lambda", "2e-4", "softmax", "true", "update", "true", "dtype", "F32", "seed", "0");
    }
}
