package io.contrast4j.losses;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named loss inputs. Use the builder-style {@link #with} or the factories for the common layouts;
 * {@link #validate(String, List)} checks names, ranks and dtypes against a loss's declared inputs.
 */
public final class LossInputs {
    public static final String EMBEDDINGS = "embeddings";
    public static final String LABELS = "labels";
    public static final String INDICES = "indices";

    private final Map<String, Tensor> tensors;
    private final IndicesTuple mined;

    private LossInputs(Map<String, Tensor> tensors, IndicesTuple mined) {
        this.tensors = tensors;
        this.mined = mined;
    }

    public static LossInputs of(Map<String, Tensor> tensors) {
        return new LossInputs(new LinkedHashMap<>(tensors), null);
    }

    /** Embeddings (N x D) and integer class labels (N). */
    public static LossInputs of(Tensor embeddings, Tensor labels) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(EMBEDDINGS, embeddings);
        m.put(LABELS, labels);
        return new LossInputs(m, null);
    }

    /** Embeddings and labels as an int array. */
    public static LossInputs of(Tensor embeddings, int[] labels) {
        return of(embeddings, Tensor.ofInts(labels, labels.length));
    }

    public LossInputs with(String name, Tensor t) {
        Map<String, Tensor> m = new LinkedHashMap<>(tensors);
        m.put(name, t);
        return new LossInputs(m, mined);
    }

    /** Attaches mined pairs or triplets (from a miner); a loss then uses only those. */
    public LossInputs withMined(IndicesTuple tuple) {
        return new LossInputs(tensors, tuple);
    }

    public IndicesTuple mined() {
        return mined;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The named input, or an error naming it and the inputs present. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("missing input '" + name + "' (given: " + String.join(", ", tensors.keySet()) + ")");
        return t;
    }

    public Tensor getOrNull(String name) {
        return tensors.get(name);
    }

    public Tensor embeddings() {
        return get(EMBEDDINGS);
    }

    /** Integer labels as an array (float labels that are whole numbers are accepted). */
    public int[] labels() {
        return get(LABELS).toIntArray();
    }

    public Map<String, Tensor> asMap() {
        return java.util.Collections.unmodifiableMap(tensors);
    }

    /** Checks presence, rank and type of every declared input; errors name the loss, the input and the shapes. */
    public void validate(String lossId, List<Input> declared) {
        for (Input in : declared) {
            Tensor t = tensors.get(in.name());
            if (t == null) {
                if (in.optional()) continue;
                throw new IllegalArgumentException(lossId + ": missing input '" + in.name() + "' (" + in.shape() + ")");
            }
            if (in.rank() != t.rank() && !(in.rank() == 0 && t.numel() == 1)) {
                throw new IllegalArgumentException(lossId + ": input '" + in.name() + "' must be " + in.shape()
                        + " (rank " + in.rank() + "), got shape " + Shape.str(t.shape()));
            }
            if (in.type() == Input.Type.FLOAT && !t.dtype().isFloating()) {
                throw new IllegalArgumentException(lossId + ": input '" + in.name() + "' must be floating point, got " + t.dtype());
            }
        }
        for (String k : tensors.keySet()) {
            if (declared.stream().noneMatch(i -> i.name().equals(k))) {
                throw new IllegalArgumentException(lossId + ": unknown input '" + k + "' (declared: "
                        + String.join(", ", declared.stream().map(Input::name).toList()) + ")");
            }
        }
    }

    /** Zero with the dtype of the embeddings, connected to {@code t}'s graph (PML zero_loss: Σ t·0). */
    public static Tensor zeroLoss(Tensor t) {
        return t.mul(0.0).sum();
    }

    public static DType dtypeOf(Tensor t) {
        return t.dtype();
    }
}
