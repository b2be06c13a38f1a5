package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

import java.util.Arrays;
import java.util.List;

/**
 * Set2Set pooling (catalog E17, T2; Vinyals, Bengio &amp; Kudlur, <i>Order Matters: Sequence to sequence for
 * sets</i>, ICLR 2016; layout of PyTorch Geometric's {@code Set2Set}): memories m_i {@code [B, N, D]} (the caller's
 * f(x_i)), q*_0 = 0 {@code [B, 2D]}; for t = 1..T: q_t = LSTM(q*_{t−1}) (an {@link LstmCell} 2D → D carrying its
 * state), a_i = softmax_i⟨m_i, q_t⟩ over the real set members (mask), r_t = Σ_i a_i m_i, q*_t = [q_t; r_t].
 * Output q*_T {@code [B, 2D]}: permutation invariant over the set (passages, views). Default T = 3 steps.
 * {@link #orderSearchLoss} is the paper's order-search objective L = min_π −log p(Y_π|X) over candidate orders
 * (the argmin is a frozen selection).
 */
public final class Set2Set extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E17", "Set2Set pooling (+ order-search loss)", "encoder", "T2",
            "Vinyals et al. 2016, Order Matters: Sequence to sequence for sets",
            "q_t = LSTM(q*_{t−1}); a = softmax_i⟨m_i, q_t⟩; r_t = Σ a_i m_i; q*_t = [q_t; r_t]; L_order = min_π −log p(Y_π|X)");

    private final int dim, steps;
    private final LstmCell lstm;

    public Set2Set(int dim, int steps, DType dtype, Rng rng) {
        if (steps < 1) throw new IllegalArgumentException("Set2Set: steps must be >= 1, got " + steps);
        this.dim = dim;
        this.steps = steps;
        this.lstm = child("lstm", new LstmCell(2 * dim, dim, dtype, rng));
    }

    public LstmCell lstm() {
        return lstm;
    }

    /** Output width 2D. */
    public int outputDim() {
        return 2 * dim;
    }

    @Override
    public Tensor forward(Tensor m) {
        return forward(m, Tensor.ones(m.dtype(), m.dim(0), m.dim(1)));
    }

    /** {@code m [B, N, D]}, {@code mask [B, N]} (1 = member) → {@code [B, 2D]}. */
    public Tensor forward(Tensor m, Tensor mask) {
        int[] s = m.shape();
        if (s.length != 3 || s[2] != dim) throw new IllegalArgumentException("Set2Set: memories must be [B, N, " + dim + "], got " + Arrays.toString(s));
        int b = s[0], n = s[1];
        if (!Arrays.equals(mask.shape(), new int[]{b, n})) throw new IllegalArgumentException("Set2Set: mask must be [" + b + ", " + n + "], got " + Arrays.toString(mask.shape()));
        Tensor mk = mask.detach().to(m.dtype());
        Tensor pad = Tensor.full(m.dtype(), -1e9);
        Tensor qStar = Tensor.zeros(m.dtype(), b, 2 * dim);
        LstmCell.State st = lstm.zeroState(b);
        for (int t = 0; t < steps; t++) {
            st = lstm.step(qStar, st);
            Tensor q = st.h();
            Tensor e = m.matmul(q.reshape(b, dim, 1)).reshape(b, n);
            Tensor a = Tensor.where(mk, e, pad).softmax(1);
            Tensor r = a.reshape(b, 1, n).matmul(m).reshape(b, dim);
            qStar = Tensor.concat(List.of(q, r), 1);
        }
        return qStar;
    }

    /** Order search: {@code nll [B, P]} (−log p(Y_π|X) per candidate order π) → mean_b min_π nll. */
    public static Tensor orderSearchLoss(Tensor nll) {
        if (nll.rank() != 2 || nll.dim(1) < 1) throw new IllegalArgumentException("orderSearchLoss: nll must be [B, P] with P >= 1, got " + Arrays.toString(nll.shape()));
        return nll.min(1).mean();
    }

    @Override
    protected String describe() {
        return "Set2Set(" + dim + ", steps " + steps + ")";
    }
}
