package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

import java.util.Arrays;

/**
 * One LSTM step with PyTorch's {@code nn.LSTM} gate layout (Hochreiter &amp; Schmidhuber 1997): gates
 * z = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh split as (i, f, g, o); c' = σ(f)⊙c + σ(i)⊙tanh(g); h' = σ(o)⊙tanh(c').
 * Parameters {@code weightIh [4H, in]}, {@code weightHh [4H, H]}, {@code biasIh [4H]}, {@code biasHh [4H]}, all
 * U(±1/√H) as PyTorch. Written with Tensor ops (matmul, sigmoid, tanh), so it is differentiable end to end.
 * Used by {@link Lstm} (E10) and {@link Set2Set} (E17).
 */
public final class LstmCell extends Module {
    private final int in, hidden;
    private final Tensor weightIh, weightHh, biasIh, biasHh;

    /** Hidden and cell state, each {@code [B, H]}. */
    public record State(Tensor h, Tensor c) {
    }

    public LstmCell(int in, int hidden, DType dtype, Rng rng) {
        if (in <= 0 || hidden <= 0) throw new IllegalArgumentException("LstmCell: in and hidden must be > 0, got " + in + ", " + hidden);
        this.in = in;
        this.hidden = hidden;
        double k = 1 / Math.sqrt(hidden);
        this.weightIh = param("weightIh", Init.uniform(dtype, rng, -k, k, 4 * hidden, in));
        this.weightHh = param("weightHh", Init.uniform(dtype, rng, -k, k, 4 * hidden, hidden));
        this.biasIh = param("biasIh", Init.uniform(dtype, rng, -k, k, 4 * hidden));
        this.biasHh = param("biasHh", Init.uniform(dtype, rng, -k, k, 4 * hidden));
    }

    public int inputSize() {
        return in;
    }

    public int hiddenSize() {
        return hidden;
    }

    public Tensor weightIh() {
        return weightIh;
    }

    public Tensor weightHh() {
        return weightHh;
    }

    public Tensor biasIh() {
        return biasIh;
    }

    public Tensor biasHh() {
        return biasHh;
    }

    /** Zero state for a batch of {@code b}. */
    public State zeroState(int b) {
        return new State(Tensor.zeros(weightIh.dtype(), b, hidden), Tensor.zeros(weightIh.dtype(), b, hidden));
    }

    /** x·W_ihᵀ + b_ih for any leading shape (precomputed once for a whole sequence). */
    public Tensor inputGates(Tensor x) {
        int[] s = x.shape();
        if (s.length < 2 || s[s.length - 1] != in) throw new IllegalArgumentException("LstmCell: input shape " + Arrays.toString(s) + " must end in " + in);
        Tensor x2 = s.length == 2 ? x : x.reshape(-1, in);
        Tensor z = x2.matmul(weightIh, false, true).add(biasIh);
        if (s.length == 2) return z;
        int[] o = s.clone();
        o[o.length - 1] = 4 * hidden;
        return z.reshape(o);
    }

    /** One step from precomputed input gates {@code zx [B, 4H]}. */
    public State stepGates(Tensor zx, State st) {
        Tensor z = zx.add(st.h().matmul(weightHh, false, true)).add(biasHh);
        int hd = hidden;
        Tensor i = z.slice(1, 0, hd).sigmoid();
        Tensor f = z.slice(1, hd, 2 * hd).sigmoid();
        Tensor g = z.slice(1, 2 * hd, 3 * hd).tanh();
        Tensor o = z.slice(1, 3 * hd, 4 * hd).sigmoid();
        Tensor c = f.mul(st.c()).add(i.mul(g));
        return new State(o.mul(c.tanh()), c);
    }

    /** One step on {@code x [B, in]}. */
    public State step(Tensor x, State st) {
        if (x.rank() != 2 || x.dim(1) != in) throw new IllegalArgumentException("LstmCell: x must be [B, " + in + "], got " + Arrays.toString(x.shape()));
        if (st.h().dim(0) != x.dim(0)) throw new IllegalArgumentException("LstmCell: state batch " + st.h().dim(0) + " != input batch " + x.dim(0));
        return stepGates(inputGates(x), st);
    }

    /** The new hidden state from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return step(x, zeroState(x.dim(0))).h();
    }

    @Override
    protected String describe() {
        return "LstmCell(" + in + " -> " + hidden + ")";
    }
}
