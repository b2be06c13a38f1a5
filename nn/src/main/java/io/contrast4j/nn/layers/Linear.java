package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;
import io.contrast4j.nn.init.Initializer;

import java.util.Arrays;

/**
 * y = x·Wᵀ + b over the last axis (any leading shape). Weight layout {@code [out, in]} as PyTorch; default init as
 * PyTorch's nn.Linear: W ~ Kaiming-uniform(a = √5) = U(±1/√in), b ~ U(±1/√in).
 */
public final class Linear extends Module {
    private final int in, out;
    private final Tensor weight, bias;

    public Linear(int in, int out, Rng rng) {
        this(in, out, true, DType.F32, rng);
    }

    public Linear(int in, int out, boolean bias, DType dtype, Rng rng) {
        this(in, out, bias, dtype, rng, Init.linearDefault());
    }

    public Linear(int in, int out, boolean bias, DType dtype, Rng rng, Initializer weightInit) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: in and out must be > 0, got " + in + " -> " + out);
        this.in = in;
        this.out = out;
        this.weight = param("weight", weightInit.create(dtype, rng, out, in));
        double b = 1 / Math.sqrt(in);
        this.bias = bias ? param("bias", Init.uniform(dtype, rng, -b, b, out)) : null;
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) throw new IllegalArgumentException("Linear(" + in + " -> " + out + "): input shape " + Arrays.toString(s) + " must end in " + in);
        Tensor x2 = s.length == 2 ? x : x.reshape(-1, in);
        Tensor y = x2.matmul(weight, false, true);
        if (bias != null) y = y.add(bias);
        if (s.length == 2) return y;
        int[] o = s.clone();
        o[o.length - 1] = out;
        return y.reshape(o);
    }

    @Override
    protected String describe() {
        return "Linear(" + in + " -> " + out + (bias != null ? ", bias)" : ", no bias)");
    }
}
