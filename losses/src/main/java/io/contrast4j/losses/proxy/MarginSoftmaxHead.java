package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;

import java.util.List;

/**
 * Base of the margin-softmax heads (PML {@code LargeMarginSoftmaxLoss} family, L046–L050): the head owns a class
 * weight matrix W ({@code rows x embedding_size}, rows = classes, or classes x sub-centres), computes cos θ between
 * each embedding and each class, replaces the target-class cosine by a margin-modified value, scales, and applies
 * cross-entropy per sample (miner-weighted, mean).
 *
 * <p>W is initialised N(0, 1) as PML's default {@code weight_init_func} ({@code torch.nn.init.normal_}).
 * Optimizer (O01): give W its own parameter group; PML/MLRC train these heads with a class-weight LR about 10–100×
 * the backbone LR (MLRC uses ≈ 100×).
 */
public abstract class MarginSoftmaxHead extends ClassHead {
    protected final Tensor weights;

    protected MarginSoftmaxHead(int numClasses, int embeddingSize, DType dtype, long seed, int rows) {
        super(numClasses, embeddingSize, dtype);
        this.weights = ProxyOps.learnable(ProxyOps.normal(dtype, new Rng(seed), 1.0, rows, embeddingSize));
    }

    /** The class weight matrix (rows = classes, or class sub-centres). */
    public Tensor weights() {
        return weights;
    }

    /** cos θ (N x C) between the embeddings and the classes. */
    public Tensor cosine(Tensor embeddings) {
        return embeddings.normalize(1).matmul(weights.normalize(1), false, true);
    }

    /** The margin-modified target cosine ψ(θ_y) for the target cosines (length N). */
    protected abstract Tensor modifyTarget(Tensor cosTarget);

    /** Scales the (margin-modified) cosine logits. */
    protected abstract Tensor scaleLogits(Tensor logits, Tensor embeddings);

    /** Margin-modified, unscaled logits: cos with the target column replaced by ψ(θ_y). */
    public Tensor marginCosine(Tensor embeddings, int[] labels) {
        Tensor cos = cosine(embeddings);
        int n = labels.length;
        Tensor target = cos.gather(1, Tensor.ofInts(labels, n, 1)).reshape(n);
        Tensor diff = modifyTarget(target).sub(target).reshape(n, 1);
        return cos.add(ProxyOps.oneHot(labels, numClasses, cos.dtype()).mul(diff));
    }

    /** Scaled logits with the margin applied (what the cross-entropy sees). */
    public Tensor logits(Tensor embeddings, int[] labels) {
        return scaleLogits(marginCosine(embeddings, labels), embeddings);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        Tensor ce = ProxyOps.crossEntropyRows(logits(b.embeddings(), b.labels()), b.labels());
        return weightedMean(ce, b.minerWeights());
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(weights);
    }

    /** Host-side θ = acos(clamp(c, −1, 1)) of a detached vector (for frozen branch choices). */
    protected static double[] angles(Tensor cos) {
        double[] c = cos.detach().toDoubleArray();
        for (int i = 0; i < c.length; i++) c[i] = Math.acos(Math.max(-1, Math.min(1, c[i])));
        return c;
    }
}
