package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A multi-layer perceptron over widths w₀ → w₁ → … → w_L: each hidden layer is Linear → [norm] → activation →
 * [dropout]; the last layer is a plain Linear (unless {@link Builder#activateLast}). Children are numbered like
 * nn.Sequential ({@code 0.weight}, ...). Build with {@link #builder(int...)}.
 */
public final class MLP extends Module {
    /** Normalisation after each hidden Linear. */
    public enum Norm { NONE, LAYER, BATCH }

    private final List<Module> layers;
    private final int[] widths;

    private MLP(Builder b) {
        this.widths = b.widths.clone();
        List<Module> mods = new ArrayList<>();
        Rng rng = b.rng;
        for (int i = 0; i + 1 < widths.length; i++) {
            boolean last = i + 2 == widths.length;
            mods.add(new Linear(widths[i], widths[i + 1], b.bias, b.dtype, rng));
            if (!last || b.activateLast) {
                if (b.norm == Norm.LAYER) mods.add(new LayerNorm(widths[i + 1], b.dtype));
                if (b.norm == Norm.BATCH) mods.add(new BatchNorm1d(widths[i + 1], b.dtype));
                mods.add(b.activation.get());
                if (b.dropout > 0) mods.add(new Dropout(b.dropout, rng.split()));
            }
        }
        for (int i = 0; i < mods.size(); i++) child(Integer.toString(i), mods.get(i));
        this.layers = List.copyOf(mods);
    }

    public static Builder builder(int... widths) {
        return new Builder(widths);
    }

    public int[] widths() {
        return widths.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    @Override
    protected String describe() {
        return "MLP" + java.util.Arrays.toString(widths);
    }

    public static final class Builder {
        private final int[] widths;
        private Supplier<Module> activation = Activation::relu;
        private double dropout;
        private Norm norm = Norm.NONE;
        private boolean bias = true, activateLast;
        private DType dtype = DType.F32;
        private Rng rng = new Rng(0);

        private Builder(int[] widths) {
            if (widths.length < 2) throw new IllegalArgumentException("MLP: needs at least 2 widths (in, out), got " + widths.length);
            for (int w : widths) if (w <= 0) throw new IllegalArgumentException("MLP: widths must be > 0, got " + java.util.Arrays.toString(widths));
            this.widths = widths.clone();
        }

        public Builder activation(Supplier<Module> a) {
            this.activation = a;
            return this;
        }

        /** By name (see {@link Activation#of}). */
        public Builder activation(String name) {
            Activation.of(name);
            this.activation = () -> Activation.of(name);
            return this;
        }

        public Builder dropout(double p) {
            if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("MLP: dropout must be in [0, 1), got " + p);
            this.dropout = p;
            return this;
        }

        public Builder norm(Norm n) {
            this.norm = n;
            return this;
        }

        public Builder bias(boolean on) {
            this.bias = on;
            return this;
        }

        /** Also apply norm/activation/dropout after the last Linear. */
        public Builder activateLast(boolean on) {
            this.activateLast = on;
            return this;
        }

        public Builder dtype(DType d) {
            this.dtype = d;
            return this;
        }

        public Builder rng(Rng r) {
            this.rng = r;
            return this;
        }

        public MLP build() {
            return new MLP(this);
        }
    }
}
