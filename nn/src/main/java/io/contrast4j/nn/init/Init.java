package io.contrast4j.nn.init;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;

/**
 * Parameter initialisers, following {@code torch.nn.init}. Fans follow PyTorch: for a weight of shape
 * {@code [out, in, k...]}, fan_in = in·∏k and fan_out = out·∏k (a 1-D tensor has fan_in = fan_out = its length).
 * All draws come from the given {@link Rng}, so the same seed gives bit-identical tensors.
 */
public final class Init {
    private Init() {
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return Tensor.zeros(dtype, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return Tensor.ones(dtype, shape);
    }

    /** U(lo, hi). */
    public static Tensor uniform(DType dtype, Rng rng, double lo, double hi, int... shape) {
        if (!(lo <= hi)) throw new IllegalArgumentException("uniform: lo " + lo + " > hi " + hi);
        return Tensor.rand(dtype, rng, lo, hi, shape);
    }

    /** N(mean, std²). */
    public static Tensor normal(DType dtype, Rng rng, double mean, double std, int... shape) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        return Tensor.randn(dtype, rng, shape).affine(std, mean).detach();
    }

    /** {fan_in, fan_out} of a weight shape, as torch.nn.init._calculate_fan_in_and_fan_out. */
    public static int[] fans(int... shape) {
        if (shape.length == 0) throw new IllegalArgumentException("fans: a scalar has no fan");
        if (shape.length == 1) return new int[]{shape[0], shape[0]};
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) receptive *= shape[i];
        return new int[]{shape[1] * receptive, shape[0] * receptive};
    }

    /**
     * The recommended gain of torch.nn.init.calculate_gain: linear/sigmoid/identity 1, tanh 5/3, relu √2,
     * leaky_relu √(2/(1+a²)), selu 3/4.
     */
    public static double gain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "identity", "sigmoid", "conv1d" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + param * param));
            case "selu" -> 0.75;
            default -> throw new IllegalArgumentException("gain: unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    /** Glorot &amp; Bengio 2010: U(−b, b), b = gain·√(6/(fan_in + fan_out)). */
    public static Tensor xavierUniform(DType dtype, Rng rng, double gain, int... shape) {
        int[] f = fans(shape);
        double b = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(dtype, rng, -b, b, shape);
    }

    /** Glorot &amp; Bengio 2010: N(0, σ²), σ = gain·√(2/(fan_in + fan_out)). */
    public static Tensor xavierNormal(DType dtype, Rng rng, double gain, int... shape) {
        int[] f = fans(shape);
        return normal(dtype, rng, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), shape);
    }

    /**
     * He et al. 2015 (leaky-ReLU gain with negative slope {@code a}): U(−b, b), b = √(2/(1+a²))·√(3/fan).
     * PyTorch's Linear default is {@code a = √5}, fan-in, i.e. b = 1/√fan_in.
     */
    public static Tensor kaimingUniform(DType dtype, Rng rng, double a, FanMode mode, int... shape) {
        double b = gain("leaky_relu", a) * Math.sqrt(3.0 / fan(mode, shape));
        return uniform(dtype, rng, -b, b, shape);
    }

    /** He et al. 2015: N(0, σ²), σ = √(2/(1+a²))/√fan. */
    public static Tensor kaimingNormal(DType dtype, Rng rng, double a, FanMode mode, int... shape) {
        return normal(dtype, rng, 0, gain("leaky_relu", a) / Math.sqrt(fan(mode, shape)), shape);
    }

    private static int fan(FanMode mode, int[] shape) {
        int[] f = fans(shape);
        int n = mode == FanMode.FAN_IN ? f[0] : f[1];
        if (n <= 0) throw new IllegalArgumentException("kaiming: zero fan for shape " + java.util.Arrays.toString(shape));
        return n;
    }

    // ---- as Initializers, for modules that take one

    public static Initializer normal(double mean, double std) {
        return (dt, rng, shape) -> normal(dt, rng, mean, std, shape);
    }

    public static Initializer uniform(double lo, double hi) {
        return (dt, rng, shape) -> uniform(dt, rng, lo, hi, shape);
    }

    public static Initializer xavierUniform(double gain) {
        return (dt, rng, shape) -> xavierUniform(dt, rng, gain, shape);
    }

    public static Initializer xavierNormal(double gain) {
        return (dt, rng, shape) -> xavierNormal(dt, rng, gain, shape);
    }

    public static Initializer kaimingUniform(double a, FanMode mode) {
        return (dt, rng, shape) -> kaimingUniform(dt, rng, a, mode, shape);
    }

    public static Initializer kaimingNormal(double a, FanMode mode) {
        return (dt, rng, shape) -> kaimingNormal(dt, rng, a, mode, shape);
    }

    /** PyTorch's nn.Linear weight default: Kaiming-uniform with a = √5 (b = 1/√fan_in). */
    public static Initializer linearDefault() {
        return kaimingUniform(Math.sqrt(5), FanMode.FAN_IN);
    }
}
