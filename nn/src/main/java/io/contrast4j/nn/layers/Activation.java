package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** An elementwise activation as a module: relu, gelu (exact, erf), tanh, sigmoid, leaky_relu(slope), identity. */
public final class Activation extends Module {
    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    public static Activation gelu() {
        return new Activation("GELU", Tensor::gelu);
    }

    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }

    /** PyTorch default slope 0.01. */
    public static Activation leakyRelu(double slope) {
        return new Activation("LeakyReLU(" + slope + ")", t -> t.leakyRelu(slope));
    }

    public static Activation identity() {
        return new Activation("Identity", t -> t);
    }

    /** By name: relu, gelu, tanh, sigmoid, leaky_relu (slope 0.01), identity/none. */
    public static Activation of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> relu();
            case "gelu" -> gelu();
            case "tanh" -> tanh();
            case "sigmoid" -> sigmoid();
            case "leaky_relu", "leakyrelu" -> leakyRelu(0.01);
            case "identity", "none", "linear" -> identity();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "' (relu, gelu, tanh, sigmoid, leaky_relu, identity)");
        };
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    @Override
    protected String describe() {
        return name;
    }
}
