package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.Pooling;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerConfig;
import io.contrast4j.nn.layers.TransformerEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed and behaviour tests of E10, E15, E17, E18 and E20. */
class SequenceComponentsTest {
    private static final DType F64 = DType.F64;

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** One LSTM step written out from the PyTorch gate equations. */
    private static double[][] handStep(LstmCell cell, double[] x, double[] h, double[] c) {
        int hd = cell.hiddenSize(), in = cell.inputSize();
        double[] wi = cell.weightIh().toDoubleArray(), wh = cell.weightHh().toDoubleArray(), bi = cell.biasIh().toDoubleArray(), bh = cell.biasHh().toDoubleArray();
        double[] z = new double[4 * hd];
        for (int r = 0; r < 4 * hd; r++) {
            z[r] = bi[r] + bh[r];
            for (int j = 0; j < in; j++) z[r] += wi[r * in + j] * x[j];
            for (int j = 0; j < hd; j++) z[r] += wh[r * hd + j] * h[j];
        }
        double[] h2 = new double[hd], c2 = new double[hd];
        for (int u = 0; u < hd; u++) {
            double i = sig(z[u]), f = sig(z[hd + u]), g = Math.tanh(z[2 * hd + u]), o = sig(z[3 * hd + u]);
            c2[u] = f * c[u] + i * g;
            h2[u] = o * Math.tanh(c2[u]);
        }
        return new double[][]{h2, c2};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lstmMatchesHandUnrolledSteps(long seed) {
        Lstm lstm = new Lstm(3, 2, 1, true, F64, new Rng(seed));
        Tensor x = Tensor.randn(F64, new Rng(seed + 10), 2, 3, 3);
        Tensor mask = Tensor.of(new double[]{1, 1, 1, 1, 1, 0}, 2, 3);
        double[] out = lstm.forward(x, mask).toDoubleArray(); // [2, 3, 4]
        double[] xv = x.toDoubleArray();
        int[] len = {3, 2};
        for (int b = 0; b < 2; b++) {
            double[] h = new double[2], c = new double[2];
            for (int t = 0; t < len[b]; t++) { // forward direction
                double[][] hc = handStep(lstm.cell(0, 0), java.util.Arrays.copyOfRange(xv, (b * 3 + t) * 3, (b * 3 + t) * 3 + 3), h, c);
                h = hc[0];
                c = hc[1];
                for (int u = 0; u < 2; u++) assertEquals(h[u], out[(b * 3 + t) * 4 + u], 1e-12, "seed " + seed + " fw b" + b + " t" + t);
            }
            h = new double[2];
            c = new double[2];
            for (int t = len[b] - 1; t >= 0; t--) { // backward direction starts at the last real token
                double[][] hc = handStep(lstm.cell(0, 1), java.util.Arrays.copyOfRange(xv, (b * 3 + t) * 3, (b * 3 + t) * 3 + 3), h, c);
                h = hc[0];
                c = hc[1];
                for (int u = 0; u < 2; u++) assertEquals(h[u], out[(b * 3 + t) * 4 + 2 + u], 1e-12, "seed " + seed + " bw b" + b + " t" + t);
            }
            for (int t = len[b]; t < 3; t++) for (int u = 0; u < 4; u++) assertEquals(0, out[(b * 3 + t) * 4 + u], "padded output must be 0");
        }
    }

    @Test
    void lstmPaddingDoesNotChangeRealOutputs() {
        Lstm lstm = new Lstm(2, 3, 2, true, F64, new Rng(5));
        Tensor x = Tensor.randn(F64, new Rng(6), 1, 4, 2);
        Tensor shortX = x.slice(1, 0, 2);
        Tensor padded = Tensor.concat(List.of(shortX, Tensor.randn(F64, new Rng(7), 1, 2, 2)), 1);
        double[] a = lstm.forward(shortX).toDoubleArray();
        double[] b = lstm.forward(padded, Tensor.of(new double[]{1, 1, 0, 0}, 1, 4)).slice(1, 0, 2).toDoubleArray();
        assertArrayEquals(a, b, 1e-12);
        assertEquals(6, lstm.outputDim());
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.zeros(F64, 1, 4, 3)));
    }

    @Test
    void textCnnIsAConvolutionWithSamePadding() {
        TextCnn cnn = new TextCnn(2, 1, new int[]{3}, F64, new Rng(3));
        double[] w = cnn.weight(0).toDoubleArray(); // [1, 3·2] as (tap, channel)
        double bias = cnn.bias(0).toDoubleArray()[0];
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8}; // [1, 4, 2]
        double[] y = cnn.forward(Tensor.of(x, 1, 4, 2)).toDoubleArray();
        for (int t = 0; t < 4; t++) {
            double e = bias;
            for (int j = 0; j < 3; j++) {
                int pos = t + j - 1;
                if (pos < 0 || pos >= 4) continue;
                for (int ch = 0; ch < 2; ch++) e += w[j * 2 + ch] * x[pos * 2 + ch];
            }
            assertEquals(e, y[t], 1e-12, "t=" + t);
        }
        // masked tokens are zeroed before the convolution
        double[] ym = cnn.forward(Tensor.of(x, 1, 4, 2), Tensor.of(new double[]{1, 1, 1, 0}, 1, 4)).toDoubleArray();
        double e2 = bias; // position 2: taps at 1 and 2; the masked token 3 contributes nothing
        for (int ch = 0; ch < 2; ch++) e2 += w[ch] * x[1 * 2 + ch] + w[2 + ch] * x[2 * 2 + ch];
        assertEquals(e2, ym[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new TextCnn(2, 1, new int[]{2}, F64, new Rng(1)));
        assertEquals(3, new TextCnn(2, 1, new int[]{1, 3, 5}, F64, new Rng(1)).outputDim());
    }

    @Test
    void loadBalancingLossEqualsFormulaOnHandExample() {
        Tensor probs = Tensor.of(new double[]{0.7, 0.2, 0.1, 0.1, 0.6, 0.3}, 2, 3);
        double[] f = {0.5, 0.25, 0.25};
        double expected = 3 * (0.5 * 0.4 + 0.25 * 0.4 + 0.25 * 0.2);
        assertEquals(expected, MixtureOfExperts.loadBalancingLoss(probs, f).item(), 1e-15);
        // perfect balance gives 1
        assertEquals(1, MixtureOfExperts.loadBalancingLoss(Tensor.full(F64, 1.0 / 3, 4, 3), new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}).item(), 1e-15);
        MixtureOfExperts.ExpertCounts counts = new MixtureOfExperts.ExpertCounts(3).add(new int[]{3, 1, 0}).add(new int[]{1, 1, 2});
        assertArrayEquals(new double[]{0.5, 0.25, 0.25}, counts.frequencies(), 1e-15);
    }

    @Test
    void moeRoutesToTopKExpertsWeightedByGate() {
        Rng r = new Rng(11);
        List<Linear> ex = List.of(new Linear(3, 2, true, F64, r), new Linear(3, 2, true, F64, r), new Linear(3, 2, true, F64, r));
        MixtureOfExperts moe = new MixtureOfExperts(3, ex, 2, F64, new Rng(12));
        Tensor x = Tensor.randn(F64, new Rng(13), 4, 3);
        MixtureOfExperts.Routed out = moe.route(x);
        double[] p = out.probs().toDoubleArray(), y = out.output().toDoubleArray();
        int[] counts = new int[3];
        for (int i = 0; i < 4; i++) {
            int best = 0, second = -1;
            for (int e = 1; e < 3; e++) if (p[i * 3 + e] > p[i * 3 + best]) best = e;
            for (int e = 0; e < 3; e++) if (e != best && (second < 0 || p[i * 3 + e] > p[i * 3 + second])) second = e;
            counts[best]++;
            counts[second]++;
            Tensor xi = x.slice(0, i, i + 1);
            double[] ya = ex.get(best).forward(xi).toDoubleArray(), yb = ex.get(second).forward(xi).toDoubleArray();
            for (int o = 0; o < 2; o++) assertEquals(p[i * 3 + best] * ya[o] + p[i * 3 + second] * yb[o], y[i * 2 + o], 1e-12);
        }
        assertArrayEquals(counts, out.counts());
        assertArrayEquals(counts, moe.countRoutes(x));
        // enforced routing: row i through expert e_i alone
        double[] yf = moe.forwardEnforced(x, new int[]{2, 0, 0, 1}).toDoubleArray();
        int[] e = {2, 0, 0, 1};
        for (int i = 0; i < 4; i++) assertArrayEquals(ex.get(e[i]).forward(x.slice(0, i, i + 1)).toDoubleArray(), java.util.Arrays.copyOfRange(yf, i * 2, i * 2 + 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> moe.forwardEnforced(x, new int[]{0, 1, 3, 0}));
    }

    @Test
    void set2SetIsPermutationInvariantAndIgnoresMaskedMembers() {
        Set2Set s2s = new Set2Set(3, 3, F64, new Rng(21));
        Tensor m = Tensor.randn(F64, new Rng(22), 1, 4, 3);
        Tensor perm = m.indexSelect(1, 2, 0, 3, 1);
        assertArrayEquals(s2s.forward(m).toDoubleArray(), s2s.forward(perm).toDoubleArray(), 1e-12);
        Tensor withJunk = Tensor.concat(List.of(m, Tensor.randn(F64, new Rng(23), 1, 2, 3).mul(10)), 1);
        assertArrayEquals(s2s.forward(m).toDoubleArray(), s2s.forward(withJunk, Tensor.of(new double[]{1, 1, 1, 1, 0, 0}, 1, 6)).toDoubleArray(), 1e-12);
        // one step by hand: q = LSTM(0) ; r = softmax(⟨m_i, q⟩)-weighted mean
        Set2Set one = new Set2Set(3, 1, F64, new Rng(24));
        double[] q = handStep(one.lstm(), new double[6], new double[3], new double[3])[0];
        double[] mv = m.toDoubleArray(), e = new double[4];
        double z = 0;
        for (int i = 0; i < 4; i++) {
            for (int d = 0; d < 3; d++) e[i] += mv[i * 3 + d] * q[d];
            z += Math.exp(e[i]);
        }
        double[] out = one.forward(m).toDoubleArray();
        for (int d = 0; d < 3; d++) {
            double r = 0;
            for (int i = 0; i < 4; i++) r += Math.exp(e[i]) / z * mv[i * 3 + d];
            assertEquals(q[d], out[d], 1e-12);
            assertEquals(r, out[3 + d], 1e-12);
        }
        assertEquals(1.5, Set2Set.orderSearchLoss(Tensor.of(new double[]{2, 1, 3, 4, 5, 2}, 2, 3)).item(), 1e-15);
    }

    @Test
    void hierarchicalMaxEqualsMaxOfParagraphVectors() {
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(9, 5, 4, 2, 1, 6, 0, false), F64, new Rng(31));
        HierarchicalEncoder h = new HierarchicalEncoder(enc, Pooling.mean(), HierarchicalEncoder.Aggregation.MAX, 3, 2, F64, new Rng(32));
        TokenInput par = TokenInput.padded(new int[][]{{1, 2, 3}, {4, 5}, {6}, {7, 8, 1}, {2}, {0}}, 0);
        Tensor docMask = Tensor.of(new double[]{1, 1, 1, 1, 1, 0}, 2, 3);
        double[] p = h.encodeParagraphs(new TokenInput(par.ids(), par.mask().to(F64))).toDoubleArray(); // [6, 4]
        double[] doc = h.forward(new TokenInput(par.ids(), par.mask().to(F64)), docMask).toDoubleArray();
        for (int d = 0; d < 4; d++) {
            assertEquals(Math.max(p[d], Math.max(p[4 + d], p[8 + d])), doc[d], 1e-12);
            assertEquals(Math.max(p[12 + d], p[16 + d]), doc[4 + d], 1e-12, "masked paragraph slot must be ignored");
        }
        assertThrows(IllegalArgumentException.class, () -> h.forward(par, Tensor.ones(F64, 2, 2)));
    }

    @Test
    void softAttentionWithOneLandmarkPerTokenIsExactKernelAttention() {
        // m = T landmarks of one token each: Ŝ = S pinv(S) S = S, so the output is W_o(S V) with S_ij = exp(−‖q_i−q_j‖²/(2√d)).
        SoftAttention sa = new SoftAttention(4, 1, 3, 60, false, F64, new Rng(41));
        Tensor x = Tensor.randn(F64, new Rng(42), 1, 3, 4).mul(0.5);
        Tensor out = sa.forward(x);
        var ps = sa.namedParameters();
        Tensor q = x.reshape(3, 4).matmul(ps.get("wq.weight"), false, true).add(ps.get("wq.bias"));
        Tensor v = x.reshape(3, 4).matmul(ps.get("wv.weight"), false, true).add(ps.get("wv.bias"));
        double[] qv = q.toDoubleArray();
        double[] s = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            double d2 = 0;
            for (int k = 0; k < 4; k++) d2 += Math.pow(qv[i * 4 + k] - qv[j * 4 + k], 2);
            s[i * 3 + j] = Math.exp(-d2 / (2 * Math.sqrt(4)));
        }
        Tensor expected = Tensor.of(s, 3, 3).matmul(v).matmul(ps.get("wo.weight"), false, true).add(ps.get("wo.bias"));
        assertArrayEquals(expected.toDoubleArray(), out.reshape(3, 4).toDoubleArray(), 1e-8);
    }

    @Test
    void newtonPinvInvertsAKernelMatrix() {
        Tensor a = Tensor.randn(F64, new Rng(51), 1, 4, 3);
        Tensor k = SoftAttention.kernel(a, a);
        Tensor inv = SoftAttention.newtonPinv(k, 50);
        double[] prod = k.matmul(inv).toDoubleArray();
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? 1 : 0, prod[i * 4 + j], 1e-8);
    }
}
