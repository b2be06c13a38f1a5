package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;

/**
 * An embedding or weight regularizer (PML {@code BaseRegularizer}): a loss over one matrix, either the batch
 * {@code embeddings} (N x D) or a class-weight matrix {@code weights} (C x D, rows = classes, as PML's
 * {@code W.t()}). Attach it to any loss with {@link WithRegularizer} (R10 semantics: L = loss + w·reg).
 */
public abstract class Regularizer implements Loss {
    /** What a regularizer reads. */
    public enum Target {
        EMBEDDINGS(LossInputs.EMBEDDINGS, "N x D", "embeddings"),
        WEIGHTS("weights", "C x D", "class weight matrix, one row per class (or class centre)");

        private final String inputName, shape, doc;

        Target(String inputName, String shape, String doc) {
            this.inputName = inputName;
            this.shape = shape;
            this.doc = doc;
        }

        public String inputName() {
            return inputName;
        }
    }

    public abstract Target target();

    /** The regularization value of a matrix (rows = embeddings or class weights). */
    public abstract Tensor regularize(Tensor x);

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(info().id(), inputs());
        return regularize(in.get(target().inputName()));
    }

    protected void checkMatrix(Tensor x) {
        if (x.rank() != 2 || x.dim(0) == 0) {
            throw new IllegalArgumentException(info().id() + ": '" + target().inputName() + "' must be a non-empty " + target().shape
                    + " matrix, got shape " + java.util.Arrays.toString(x.shape()));
        }
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(info().id() + ": '" + target().inputName() + "' must be floating point, got " + x.dtype());
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(target().inputName, target().shape, target().doc));
    }
}
