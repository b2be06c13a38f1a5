package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loss with a regularizer attached (R10 semantics, PML {@code embedding_regularizer} / {@code weight_regularizer}):
 * L = loss(inputs) + w·reg(E) for an embedding regularizer (E = the {@code embeddings} input), or
 * L = loss(inputs) + w·reg(W) for a weight regularizer, W = the base loss's learnable parameter number
 * {@code paramIndex} (rows = classes / centres, e.g. the class weights of L045–L050 or L043's centres).
 * Inputs, info and parameters are the base loss's.
 */
public final class WithRegularizer implements Loss {
    private final Loss base;
    private final Regularizer regularizer;
    private final double weight;
    private final int paramIndex;

    private WithRegularizer(Loss base, Regularizer regularizer, double weight, int paramIndex) {
        if (!Double.isFinite(weight) || weight < 0) throw new IllegalArgumentException("regularizer weight must be finite and >= 0, got " + weight);
        this.base = base;
        this.regularizer = regularizer;
        this.weight = weight;
        this.paramIndex = paramIndex;
        if (regularizer.target() == Regularizer.Target.WEIGHTS && (paramIndex < 0 || paramIndex >= base.parameters().size())) {
            throw new IllegalArgumentException(regularizer.info().id() + " is a weight regularizer but " + base.info().id()
                    + " has no learnable parameter #" + paramIndex + " (it has " + base.parameters().size() + ")");
        }
    }

    /** Embedding regularizer on the embeddings, or weight regularizer on the base loss's first parameter. */
    public static WithRegularizer of(Loss base, Regularizer regularizer, double weight) {
        return new WithRegularizer(base, regularizer, weight, 0);
    }

    /** Weight regularizer on the base loss's parameter number {@code paramIndex}. */
    public static WithRegularizer onParameter(Loss base, Regularizer regularizer, double weight, int paramIndex) {
        return new WithRegularizer(base, regularizer, weight, paramIndex);
    }

    public Loss base() {
        return base;
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    /** The weighted regularization term alone, for logging. */
    public Tensor regularizationTerm(LossInputs in) {
        Tensor x = regularizer.target() == Regularizer.Target.EMBEDDINGS ? in.embeddings() : base.parameters().get(paramIndex);
        return regularizer.regularize(x).mul(weight);
    }

    @Override
    public Tensor compute(LossInputs in) {
        return base.compute(in).add(regularizationTerm(in));
    }

    @Override
    public List<Tensor> parameters() {
        return base.parameters();
    }

    @Override
    public CatalogInfo info() {
        return base.info();
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>(base.defaults());
        m.put("regularizer", regularizer.info().id());
        m.put("reg_weight", Double.toString(weight));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return base.inputs();
    }
}
