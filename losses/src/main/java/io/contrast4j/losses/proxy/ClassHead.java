package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;

/**
 * Base of the heads that own per-class state (proxies, class weights, centres): it holds {@code num_classes},
 * {@code embedding_size} and the dtype, and checks an {@code embeddings} (N x D) + {@code labels} (N) batch against
 * them. Class vectors are stored as rows ({@code num_classes x embedding_size}), the layout PML hands to its weight
 * regularizers ({@code W.t()}).
 *
 * <p>Optimizer note (CATALOG O01): the learnable tensors from {@link #parameters()} belong in their own parameter
 * group; the subclasses name the learning-rate multiplier the papers recommend.
 */
public abstract class ClassHead implements Loss {
    protected final int numClasses;
    protected final int embeddingSize;
    protected final DType dtype;

    protected ClassHead(int numClasses, int embeddingSize, DType dtype) {
        if (numClasses <= 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter 'num_classes' must be > 0, got " + numClasses);
        if (embeddingSize <= 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter 'embedding_size' must be > 0, got " + embeddingSize);
        if (!dtype.isFloating()) throw new IllegalArgumentException("parameter 'dtype' must be F32 or F64, got " + dtype);
        this.numClasses = numClasses;
        this.embeddingSize = embeddingSize;
        this.dtype = dtype;
    }

    public int numClasses() {
        return numClasses;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public DType dtype() {
        return dtype;
    }

    /** A validated batch: embeddings, labels in [0, num_classes), and PML miner weights (all ones without a tuple). */
    protected record Batch(Tensor embeddings, int[] labels, double[] minerWeights) {
        int size() {
            return labels.length;
        }
    }

    protected Batch batch(LossInputs in) {
        String id = info().id();
        in.validate(id, inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        if (e.dim(0) != y.length) throw new IllegalArgumentException(id + ": " + e.dim(0) + " embeddings but " + y.length + " labels");
        if (e.dim(1) != embeddingSize) throw new IllegalArgumentException(id + ": embeddings have " + e.dim(1) + " columns but embedding_size is " + embeddingSize);
        if (e.dtype() != dtype) throw new IllegalArgumentException(id + ": embeddings are " + e.dtype() + " but the loss was built with dtype=" + dtype + " (set the 'dtype' parameter)");
        if (y.length == 0) throw new IllegalArgumentException(id + ": empty batch");
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) throw new IllegalArgumentException(id + ": label " + y[i] + " at " + i + " outside [0, num_classes=" + numClasses + ")");
        }
        return new Batch(e, y, ProxyOps.minerWeights(in.mined(), y.length));
    }

    /** Mean of per-sample losses after PML miner weighting (R01 over elements). */
    protected static Tensor weightedMean(Tensor perRow, double[] w) {
        if (ProxyOps.allOnes(w)) return perRow.mean();
        return perRow.mul(Tensor.of(w, w.length).to(perRow.dtype())).mean();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"), Input.ints(LossInputs.LABELS, "N", "class labels in [0, num_classes)"));
    }
}
