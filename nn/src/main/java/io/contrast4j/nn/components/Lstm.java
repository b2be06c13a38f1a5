package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.ModuleList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * (Bi-)LSTM text encoder over token embeddings (catalog E10, T2; sentence-transformers' legacy {@code models.LSTM},
 * which runs {@code nn.LSTM(batch_first, bidirectional)} on packed sequences; Hochreiter &amp; Schmidhuber 1997).
 * Unrolled over time with {@link LstmCell} (gates via matmul / sigmoid / tanh): for each layer and direction,
 * h_t, c_t = cell(x_t, h_{t−1}, c_{t−1}) on real tokens only; padded steps keep the state and output 0, so the
 * result equals PyTorch's packed-sequence LSTM (the backward direction starts at each row's last real token).
 * Output token states {@code [B, T, H·dirs]} (forward then backward halves), to be pooled with E01.
 * Defaults (ST): 1 layer, bidirectional, no inter-layer dropout; the CNN sibling is {@link TextCnn}.
 */
public final class Lstm extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E10", "CNN and LSTM text encoders", "encoder", "T2",
            "sentence-transformers legacy models.CNN and models.LSTM (Kim 2014 text CNN; Hochreiter & Schmidhuber 1997)",
            "CNN: concat_k Conv1d_k(x) (odd kernels, 'same' padding); LSTM: (bi-)LSTM h_t over real tokens; then E01 pooling");

    private final int in, hidden, layers;
    private final boolean bidirectional;
    private final ModuleList<LstmCell> cells = new ModuleList<>();

    public Lstm(int in, int hidden, int layers, boolean bidirectional, DType dtype, Rng rng) {
        if (layers <= 0) throw new IllegalArgumentException("Lstm: layers must be > 0, got " + layers);
        this.in = in;
        this.hidden = hidden;
        this.layers = layers;
        this.bidirectional = bidirectional;
        int dirs = bidirectional ? 2 : 1;
        for (int l = 0; l < layers; l++) for (int d = 0; d < dirs; d++) cells.add(new LstmCell(l == 0 ? in : hidden * dirs, hidden, dtype, rng));
        child("cells", cells);
    }

    /** Output width: hidden·(2 if bidirectional). */
    public int outputDim() {
        return hidden * (bidirectional ? 2 : 1);
    }

    /** The cell of {@code layer} and direction {@code dir} (0 forward, 1 backward). */
    public LstmCell cell(int layer, int dir) {
        return cells.get(layer * (bidirectional ? 2 : 1) + dir);
    }

    /** All tokens real. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, Tensor.ones(x.dtype(), x.dim(0), x.dim(1)));
    }

    /** {@code x [B, T, in]}, {@code mask [B, T]} (1 = real) → {@code [B, T, outputDim]}. */
    public Tensor forward(Tensor x, Tensor mask) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != in) throw new IllegalArgumentException("Lstm: x must be [B, T, " + in + "], got " + Arrays.toString(s));
        int b = s[0], t = s[1];
        if (!Arrays.equals(mask.shape(), new int[]{b, t})) throw new IllegalArgumentException("Lstm: mask must be [" + b + ", " + t + "], got " + Arrays.toString(mask.shape()));
        Tensor m = mask.detach().to(x.dtype());
        List<Tensor> steps = new ArrayList<>(t);
        for (int j = 0; j < t; j++) steps.add(m.slice(1, j, j + 1)); // [B, 1]
        Tensor h = x;
        for (int l = 0; l < layers; l++) {
            Tensor fw = run(cell(l, 0), h, steps, false);
            h = bidirectional ? Tensor.concat(List.of(fw, run(cell(l, 1), h, steps, true)), 2) : fw;
        }
        return h;
    }

    private static Tensor run(LstmCell cell, Tensor x, List<Tensor> m, boolean reverse) {
        int b = x.dim(0), t = x.dim(1);
        Tensor zx = cell.inputGates(x); // [B, T, 4H]
        LstmCell.State st = cell.zeroState(b);
        Tensor[] out = new Tensor[t];
        for (int k = 0; k < t; k++) {
            int j = reverse ? t - 1 - k : k;
            LstmCell.State nx = cell.stepGates(zx.slice(1, j, j + 1).reshape(b, -1), st);
            Tensor mj = m.get(j), keep = mj.affine(-1, 1);
            st = new LstmCell.State(nx.h().mul(mj).add(st.h().mul(keep)), nx.c().mul(mj).add(st.c().mul(keep)));
            out[j] = nx.h().mul(mj);
        }
        List<Tensor> seq = new ArrayList<>(t);
        Collections.addAll(seq, out);
        return Tensor.stack(seq, 1);
    }

    @Override
    protected String describe() {
        return "Lstm(" + in + " -> " + hidden + ", layers " + layers + (bidirectional ? ", bidirectional)" : ")");
    }
}
