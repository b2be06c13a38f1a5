package io.contrast4j.losses.classification;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;

/** Shared input names and helpers of the classification losses (CATALOG.md section (d)). */
public final class Cls {
    public static final String LOGITS = "logits";
    public static final String TARGETS = "targets";
    public static final String SOFT_TARGETS = "soft_targets";
    public static final String BINARY_TARGETS = "binary_targets";

    private Cls() {
    }

    public static Input logitsInput() {
        return Input.floats(LOGITS, "N x C", "unnormalised class scores");
    }

    public static Input targetsInput() {
        return Input.ints(TARGETS, "N", "class index per row, in [0, C)");
    }

    /** The N x C logits, checked. */
    public static Tensor logits(String id, LossInputs in) {
        Tensor z = in.get(LOGITS);
        if (z.rank() != 2 || z.dim(0) == 0 || z.dim(1) == 0) throw new IllegalArgumentException(id + ": logits must be N x C with N, C >= 1, got " + Shape.str(z.shape()));
        if (!z.dtype().isFloating()) throw new IllegalArgumentException(id + ": logits must be floating point, got " + z.dtype());
        return z;
    }

    /** The integer targets (length N, each in [0, C)). */
    public static int[] targets(String id, LossInputs in, int n, int c) {
        Tensor t = in.get(TARGETS);
        if (t.rank() != 1 || t.dim(0) != n) throw new IllegalArgumentException(id + ": targets must have length N = " + n + ", got shape " + Shape.str(t.shape()));
        int[] y = t.toIntArray();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= c) throw new IllegalArgumentException(id + ": target " + y[i] + " at row " + i + " is outside [0, " + c + ")");
        }
        return y;
    }

    /** A float N x C input with the logits' shape and dtype. */
    public static Tensor sameShape(String id, LossInputs in, String name, Tensor z) {
        Tensor t = in.get(name);
        if (!Shape.same(t.shape(), z.shape())) throw new IllegalArgumentException(id + ": " + name + " must be " + Shape.str(z.shape()) + " like the logits, got " + Shape.str(t.shape()));
        if (t.dtype() != z.dtype()) throw new IllegalArgumentException(id + ": " + name + " must be " + z.dtype() + " like the logits, got " + t.dtype());
        return t;
    }

    /** x[i, y[i]] as a length-N vector. */
    public static Tensor pick(Tensor x, int[] y) {
        return x.gather(1, Tensor.ofInts(y, y.length, 1)).reshape(y.length);
    }

    /** N x C one-hot of the targets in {@code dtype}. */
    public static Tensor oneHot(int[] y, int c, DType dtype) {
        double[] v = new double[y.length * c];
        for (int i = 0; i < y.length; i++) v[i * c + y[i]] = 1;
        return Tensor.of(v, y.length, c).to(dtype);
    }

    /** 1 − p_y computed as Σ_{k≠y} softmax(z)_k from a masked log-sum-exp, so it stays exact when p_y → 1. */
    public static Tensor logOneMinusPy(Tensor z, int[] y) {
        Tensor mask = oneHot(y, z.dim(1), z.dtype());
        Tensor masked = Tensor.where(mask, Tensor.full(z.dtype(), Double.NEGATIVE_INFINITY), z);
        return masked.logsumexp(1).sub(z.logsumexp(1));
    }

    /** Mean of per-row losses weighted by class weights of the targets (PyTorch's weighted CE mean); plain mean when w is null. */
    public static Tensor weightedMean(Tensor rows, int[] y, double[] classWeights) {
        if (classWeights == null) return rows.mean();
        double[] w = new double[y.length];
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            w[i] = classWeights[y[i]];
            total += w[i];
        }
        if (!(total > 0)) throw new IllegalArgumentException("class weights of the batch's targets sum to " + total + "; need > 0");
        return rows.mul(Tensor.of(w, y.length).to(rows.dtype())).sum().div(total);
    }

    /** Parses comma-separated numbers of parameter {@code name} (null when absent). */
    public static double[] doubles(Params p, String name) {
        if (!p.has(name)) return null;
        String v = p.getString(name, "");
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be comma-separated numbers, got '" + v + "'");
        }
    }

    /** Class weights ({@code class_weights} parameter) checked against C. */
    public static double[] classWeights(String id, double[] w, int c) {
        if (w == null) return null;
        if (w.length != c) throw new IllegalArgumentException(id + ": class_weights has " + w.length + " values but the logits have C = " + c + " classes");
        for (double x : w) if (!(x >= 0) || Double.isInfinite(x)) throw new IllegalArgumentException(id + ": class_weights must be finite and >= 0, got " + x);
        return w;
    }

    /** log σ(z) = −softplus(−z). */
    public static Tensor logSigmoid(Tensor z) {
        return z.neg().softplus().neg();
    }

    /** (base)^γ for base in [0, 1], with the base clamped at the smallest normal double so γ &lt; 1 stays finite at 0. */
    public static Tensor powUnit(Tensor base, double gamma) {
        if (gamma == 0) return Tensor.ones(base.dtype(), base.shape());
        if (gamma == 1) return base;
        if (gamma == 2) return base.mul(base);
        return base.clampMin(Double.MIN_NORMAL).pow(gamma);
    }
}
