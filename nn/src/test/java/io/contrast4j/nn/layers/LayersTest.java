package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LayersTest {
    private static final DType F64 = DType.F64;

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(F64, new Rng(seed), shape);
    }

    @Test
    void linearMatchesFormulaAndShapes() {
        Linear l = new Linear(3, 2, true, F64, new Rng(1));
        Tensor x = randn(2, 4, 3);
        double[] w = l.weight().toDoubleArray(), b = l.bias().toDoubleArray(), xv = x.toDoubleArray();
        double[] y = l.forward(x).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 2; o++) {
                double e = b[o];
                for (int k = 0; k < 3; k++) e += xv[i * 3 + k] * w[o * 3 + k];
                assertEquals(e, y[i * 2 + o], 1e-12);
            }
        }
        assertArrayEquals(new int[]{2, 5, 2}, l.forward(randn(3, 2, 5, 3)).shape());
        for (double v : w) assertTrue(Math.abs(v) <= 1 / Math.sqrt(3));
        var ex = assertThrows(IllegalArgumentException.class, () -> l.forward(randn(1, 4, 4)));
        assertTrue(ex.getMessage().contains("must end in 3"), ex.getMessage());
        assertEquals(List.of("weight"), List.copyOf(new Linear(3, 2, false, F64, new Rng(1)).namedParameters().keySet()));
    }

    @Test
    void layerNormNormalises() {
        LayerNorm ln = new LayerNorm(4, F64);
        Tensor x = Tensor.of(new double[]{1, 2, 3, 4, -2, 0, 2, 8}, 2, 4);
        double[] y = ln.forward(x).toDoubleArray();
        // row 0: mean 2.5, var 1.25
        double sd = Math.sqrt(1.25 + 1e-5);
        assertEquals((1 - 2.5) / sd, y[0], 1e-12);
        assertEquals((4 - 2.5) / sd, y[3], 1e-12);
        double m1 = 2, v1 = (16 + 4 + 0 + 36) / 4.0;
        assertEquals((8 - m1) / Math.sqrt(v1 + 1e-5), y[7], 1e-12);
    }

    @Test
    void batchNormRunningStatsAndEval() {
        BatchNorm1d bn = new BatchNorm1d(2, F64);
        Tensor x = Tensor.of(new double[]{1, 10, 3, 20, 5, 60}, 3, 2);
        Tensor y = bn.forward(x);
        // channel 0: mean 3, biased var 8/3, unbiased var 4
        assertEquals((1 - 3) / Math.sqrt(8.0 / 3 + 1e-5), y.get(0, 0), 1e-12);
        assertEquals(0.1 * 3, bn.runningMean().get(0), 1e-12);
        assertEquals(0.9 * 1 + 0.1 * 4, bn.runningVar().get(0), 1e-12);
        double mean1 = 30, uvar1 = ((20 * 20) + (10 * 10) + (30 * 30)) / 2.0;
        assertEquals(0.1 * mean1, bn.runningMean().get(1), 1e-12);
        assertEquals(0.9 + 0.1 * uvar1, bn.runningVar().get(1), 1e-9);
        assertEquals(Map.of("running_mean", bn.runningMean(), "running_var", bn.runningVar()), bn.namedBuffers());
        bn.eval();
        Tensor z = bn.forward(Tensor.of(new double[]{1, 10}, 1, 2));
        assertEquals((1 - 0.3) / Math.sqrt(1.3 + 1e-5), z.get(0, 0), 1e-12);
        assertEquals(0.3, bn.runningMean().get(0), 1e-12, "eval must not update running stats");
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2, F64).forward(randn(1, 1, 2)));
    }

    @Test
    void dropoutTrainEval() {
        Dropout d = new Dropout(0.25, new Rng(5));
        Tensor x = Tensor.ones(F64, 100, 100);
        double[] y = d.forward(x).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) zeros++;
            else assertEquals(1 / 0.75, v, 1e-12);
        }
        assertEquals(2500, zeros, 200);
        d.eval();
        assertSame(x, d.forward(x));
        d.train(true);
        d.reseed(9);
        double[] a = d.forward(x).toDoubleArray();
        d.reseed(9);
        assertArrayEquals(a, d.forward(x).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Rng(1)));
    }

    @Test
    void embeddingAndBag() {
        Embedding e = new Embedding(5, 3, F64, new Rng(2));
        Tensor ids = Tensor.ofInts(new int[]{4, 0, 4, 1}, 2, 2);
        Tensor out = e.forward(ids);
        assertArrayEquals(new int[]{2, 2, 3}, out.shape());
        assertEquals(e.weight().get(4, 2), out.get(1, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> e.forward(Tensor.ofInts(new int[]{5}, 1)));

        EmbeddingBag sum = new EmbeddingBag(6, 2, EmbeddingBag.Mode.SUM, F64, new Rng(3));
        EmbeddingBag mean = new EmbeddingBag(6, 2, EmbeddingBag.Mode.MEAN, F64, new Rng(3));
        Bag bag = Bag.of(new int[]{1, 3, 3}, new int[]{}, new int[]{5});
        double[] w = sum.weight().toDoubleArray();
        Tensor s = sum.forward(bag), m = mean.forward(bag);
        for (int k = 0; k < 2; k++) {
            assertEquals(w[2 + k] + 2 * w[6 + k], s.get(0, k), 1e-12);
            assertEquals((w[2 + k] + 2 * w[6 + k]) / 3, m.get(0, k), 1e-12);
            assertEquals(0, s.get(1, k));
            assertEquals(w[10 + k], m.get(2, k), 1e-12);
        }
        Tensor wm = mean.forward(bag, new double[]{1, 3, 0, 2});
        assertEquals((w[2] + 3 * w[6]) / 4, wm.get(0, 0), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Bag(new int[]{1, 2}, new int[]{1}));
        assertThrows(IllegalArgumentException.class, () -> sum.forward(Bag.of(new int[]{6})));
    }

    @Test
    void parameterNamesAndTree() {
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(10, 6, 8, 2, 2, 16, 0.1, false), DType.F32, new Rng(1));
        Map<String, Tensor> p = enc.namedParameters();
        assertTrue(p.containsKey("blocks.0.attn.wq.weight"), p.keySet().toString());
        assertTrue(p.containsKey("blocks.1.ffn.2.bias") || p.containsKey("blocks.1.ffn.3.bias"), p.keySet().toString());
        assertTrue(p.containsKey("tok.weight") && p.containsKey("pos.weight") && p.containsKey("norm.weight"));
        long expected = 10 * 8 + 6 * 8 + 2 * (2 * 16 + 4 * (64 + 8) + (8 * 16 + 16) + (16 * 8 + 8)) + 16;
        assertEquals(expected, enc.parameterCount());
        String tree = enc.toString();
        assertTrue(tree.startsWith("TransformerEncoder(vocab=10, d=8, heads=2, layers=2, ff=16)"), tree);
        assertTrue(tree.contains("\n      attn: MultiHeadSelfAttention(d=8, heads=2)\n        wq: Linear(8 -> 8, bias)  {weight[8, 8], bias[8]}"), tree);
        MLP mlp = MLP.builder(4, 8, 2).norm(MLP.Norm.LAYER).dropout(0.1).build();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"), List.copyOf(mlp.namedParameters().keySet()));
        assertTrue(mlp.toString().contains("2: ReLU") && mlp.toString().contains("3: Dropout(p=0.1)"), mlp.toString());
    }

    @Test
    void trainEvalPropagates() {
        MLP mlp = MLP.builder(4, 8, 2).norm(MLP.Norm.BATCH).dropout(0.5).build();
        mlp.eval();
        for (Module m : mlp.modules()) assertFalse(m.isTraining());
        Tensor x = Tensor.randn(DType.F32, new Rng(4), 3, 4);
        assertArrayEquals(mlp.forward(x).toFloatArray(), mlp.forward(x).toFloatArray(), "eval is deterministic");
        mlp.train(true);
        assertFalse(java.util.Arrays.equals(mlp.forward(x).toFloatArray(), mlp.forward(x).toFloatArray()), "train draws new dropout masks");
    }

    @Test
    void paddingDoesNotChangeRealPositions() {
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(12, 6, 8, 2, 2, 16, 0, false), F64, new Rng(3));
        TokenInput shortIn = TokenInput.padded(new int[][]{{3, 5, 7}}, 0);
        TokenInput padded = new TokenInput(Tensor.ofInts(new int[]{3, 5, 7, 9, 11, 2}, 1, 6), Tensor.of(new double[]{1, 1, 1, 0, 0, 0}, 1, 6));
        TokenInput padded2 = new TokenInput(Tensor.ofInts(new int[]{3, 5, 7, 1, 4, 8}, 1, 6), Tensor.of(new double[]{1, 1, 1, 0, 0, 0}, 1, 6));
        Tensor a = enc.forward(shortIn), b = enc.forward(padded).slice(1, 0, 3), c = enc.forward(padded2).slice(1, 0, 3);
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 1e-12);
        assertArrayEquals(b.toDoubleArray(), c.toDoubleArray(), 0.0);
        for (String mode : List.of("mean", "max", "lasttoken", "weightedmean", "mean_sqrt_len_tokens", "cls")) {
            Pooling pool = Pooling.of(mode);
            assertArrayEquals(pool.forward(a, shortIn.mask().to(F64)).toDoubleArray(),
                    pool.forward(enc.forward(padded2), padded2.mask()).toDoubleArray(), 1e-12, mode);
        }
        // a batch mixing lengths equals running each row alone
        TokenInput batch = TokenInput.padded(new int[][]{{3, 5, 7}, {2, 4, 6, 8, 10}}, 0);
        Tensor both = enc.forward(new TokenInput(batch.ids(), batch.mask().to(F64)));
        assertArrayEquals(a.toDoubleArray(), both.slice(0, 0, 1).slice(1, 0, 3).toDoubleArray(), 1e-12);
    }

    @Test
    void poolingByFormula() {
        Tensor h = Tensor.of(new double[]{1, 2, 3, 4, 5, 6, 100, 200}, 1, 4, 2);
        Tensor m = Tensor.of(new double[]{1, 1, 1, 0}, 1, 4);
        assertArrayEquals(new double[]{3, 4}, Pooling.of("mean").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{5, 6}, Pooling.of("max").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{1, 2}, Pooling.of("cls").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{5, 6}, Pooling.of("lasttoken").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{(1 + 2 * 3 + 3 * 5) / 6.0, (2 + 2 * 4 + 3 * 6) / 6.0}, Pooling.of("weightedmean").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{9 / Math.sqrt(3), 12 / Math.sqrt(3)}, Pooling.of("mean_sqrt_len_tokens").forward(h, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new int[]{1, 4}, Pooling.of("mean", "max").forward(h, m).shape());
        assertThrows(IllegalArgumentException.class, () -> Pooling.of("median"));
    }

    @Test
    void sentenceEncoderShapesAndMatryoshka() {
        TransformerEncoder enc = new TransformerEncoder(TransformerConfig.of(30, 8, 8, 2, 1), DType.F32, new Rng(1));
        SentenceEncoder se = new SentenceEncoder(enc, Pooling.mean(), new ProjectionHead(8, 16, 6, DType.F32, new Rng(2)), 6, true);
        TokenInput in = TokenInput.padded(new int[][]{{1, 2, 3}, {4, 5, 6, 7, 8}}, 0);
        Tensor e = se.forward(in);
        assertArrayEquals(new int[]{2, 6}, e.shape());
        for (int i = 0; i < 2; i++) assertEquals(1, e.slice(0, i, i + 1).norm(1, false).item(), 1e-5);
        Tensor p = se.forward(in, 3);
        assertArrayEquals(new int[]{2, 3}, p.shape());
        assertEquals(1, p.slice(0, 1, 2).norm(1, false).item(), 1e-5);
        Tensor raw = Matryoshka.truncate(e, 3, false);
        assertArrayEquals(e.slice(1, 0, 3).toFloatArray(), raw.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> se.forward(in, 7));
        try (var g = Grad.off()) {
            assertArrayEquals(new int[]{2, 5, 8}, enc.forward(in).shape());
            assertEquals(2, enc.forwardLayers(in).size());
        }
    }

    @Test
    void hashedBagEncoderShapes() {
        HashedBagEncoder h = new HashedBagEncoder(100, 8, 16, 4, true, DType.F32, new Rng(1));
        Tensor out = h.forward(new Bag(new int[]{1, 50, 99, 3}, new int[]{0, 3}));
        assertArrayEquals(new int[]{2, 4}, out.shape());
        assertEquals(4, h.outputDim());
        assertEquals(8, new HashedBagEncoder(100, 8, 0, 0, false, DType.F32, new Rng(1)).outputDim());
        assertThrows(UnsupportedOperationException.class, () -> h.forward(Tensor.ones(DType.F32, 2)));
    }

    @Test
    void activationsByName() {
        Tensor x = Tensor.of(new double[]{-2, 0.5}, 2);
        assertArrayEquals(new double[]{0, 0.5}, Activation.of("relu").forward(x).toDoubleArray());
        assertArrayEquals(new double[]{-0.02, 0.5}, Activation.of("leaky_relu").forward(x).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[]{Math.tanh(-2), Math.tanh(0.5)}, Activation.of("tanh").forward(x).toDoubleArray(), 1e-15);
        assertEquals(1 / (1 + Math.exp(2)), Activation.of("sigmoid").forward(x).get(0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Activation.of("swish2"));
    }
}
