package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A set of parameters sharing a learning rate and a weight decay (PyTorch "param group"). The learning rate is
 * mutable so that {@link LrSchedule}s can drive it; {@link #baseLr()} keeps the value the group was built with.
 * Loss parameters (proxies, learnable temperatures) typically get their own group with a 10–100× LR (O01).
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final List<String> names;
    private final double baseLr;
    private double lr;
    private final double weightDecay;

    public ParamGroup(List<Tensor> params, double lr, double weightDecay) {
        this(params, null, lr, weightDecay);
    }

    /** With parameter names (same length as {@code params}), used in checkpointed optimizer state. */
    public ParamGroup(List<Tensor> params, List<String> names, double lr, double weightDecay) {
        Objects.requireNonNull(params, "params");
        for (int i = 0; i < params.size(); i++) {
            Tensor t = params.get(i);
            if (t == null) throw new IllegalArgumentException("params: entry " + i + " is null");
            if (!t.dtype().isFloating()) throw new IllegalArgumentException("params: entry " + i + " is " + t.dtype() + ", optimizers need F32/F64");
        }
        if (names != null && names.size() != params.size()) {
            throw new IllegalArgumentException("names: " + names.size() + " names for " + params.size() + " params");
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.names = names == null ? null : List.copyOf(names);
        checkLr(lr);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        this.baseLr = lr;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    static void checkLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be finite and >= 0, got " + lr);
    }

    public List<Tensor> params() {
        return params;
    }

    /** Parameter names, or {@code p0, p1, ...} when the group was built without names. */
    public String name(int i) {
        return names == null ? "p" + i : names.get(i);
    }

    public double lr() {
        return lr;
    }

    public double baseLr() {
        return baseLr;
    }

    /** Sets the current learning rate (finite, ≥ 0; otherwise an error naming 'lr'). */
    public void setLr(double lr) {
        checkLr(lr);
        this.lr = lr;
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, lr=" + lr + ", weightDecay=" + weightDecay + ")";
    }
}
