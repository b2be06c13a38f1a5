package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.Bag;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerConfig;
import io.contrast4j.nn.layers.TransformerEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ComponentsTest {
    private static final DType F64 = DType.F64;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void twoPassSoftmaxEqualsThreePass(long seed) {
        Tensor x = Tensor.randn(F64, new Rng(seed), 4, 7).mul(50);
        assertArrayEquals(x.softmax(1).toDoubleArray(), TwoPassSoftmax.softmax(x).toDoubleArray(), 1e-14, "seed " + seed);
        assertArrayEquals(x.logsumexp(1).toDoubleArray(), TwoPassSoftmax.logSumExp(x).toDoubleArray(), 1e-12, "seed " + seed);
        // no overflow without a max pass
        Tensor big = Tensor.of(new double[]{1000, 999, Double.NEGATIVE_INFINITY}, 1, 3);
        double e = Math.exp(-1);
        assertArrayEquals(new double[]{1 / (1 + e), e / (1 + e), 0}, TwoPassSoftmax.softmax(big).toDoubleArray(), 1e-15);
        assertEquals(1000 + Math.log1p(e), TwoPassSoftmax.logSumExp(big).item(), 1e-12);
        // gradient equals the composed softmax's
        Tensor a = x.detach().requiresGrad(true), b = x.detach().requiresGrad(true);
        Tensor w = Tensor.randn(F64, new Rng(seed + 1), 4, 7);
        TwoPassSoftmax.softmax(a).mul(w).sum().backward();
        b.softmax(1).mul(w).sum().backward();
        assertArrayEquals(b.grad().toDoubleArray(), a.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gumbelStraightThroughUsesSoftGradient() {
        Tensor logits = Tensor.randn(F64, new Rng(4), 5, 3);
        Tensor noise = GumbelSoftmax.gumbelNoise(new Rng(5), 5, 3);
        Tensor a = logits.detach().requiresGrad(true), b = logits.detach().requiresGrad(true);
        Tensor w = Tensor.randn(F64, new Rng(6), 5, 3);
        Tensor hard = GumbelSoftmax.straightThrough(GumbelSoftmax.soft(a, noise, 0.5));
        double[] hv = hard.toDoubleArray();
        for (int i = 0; i < 5; i++) {
            double s = 0;
            for (int k = 0; k < 3; k++) {
                assertTrue(hv[i * 3 + k] == 0 || Math.abs(hv[i * 3 + k] - 1) < 1e-12);
                s += hv[i * 3 + k];
            }
            assertEquals(1, s, 1e-12);
        }
        hard.mul(w).sum().backward();
        GumbelSoftmax.soft(b, noise, 0.5).mul(w).sum().backward();
        assertArrayEquals(b.grad().toDoubleArray(), a.grad().toDoubleArray(), 1e-12);
        // the argmax of logits+noise is the hard choice
        double[] z = logits.add(noise).toDoubleArray();
        for (int i = 0; i < 5; i++) {
            int best = 0;
            for (int k = 1; k < 3; k++) if (z[i * 3 + k] > z[i * 3 + best]) best = k;
            assertEquals(1, hv[i * 3 + best], 1e-12);
        }
        GumbelSoftmax g = new GumbelSoftmax(1, false, new Rng(1));
        g.eval();
        assertArrayEquals(logits.softmax(1).toDoubleArray(), g.forward(logits).toDoubleArray(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void simplexVerticesAreRegular(int c) {
        double[] w = new SimplexClassifier(c, F64).weight().toDoubleArray();
        int d = c - 1;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += w[i * d + k] * w[j * d + k];
                assertEquals(i == j ? 1 : -1.0 / (c - 1), dot, 1e-12, "classes " + c + " pair " + i + "," + j);
            }
        }
        assertTrue(new SimplexClassifier(c, F64).namedParameters().isEmpty());
    }

    @Test
    void softCausalMaskWithAlphaZeroIsCausal() {
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(10, 5, 8, 2, 2, 16, 0, false), F64, new Rng(2));
        SoftCausalMask causal = new SoftCausalMask(enc, 0);
        Tensor a = causal.forward(Tensor.ofInts(new int[]{1, 2, 3, 4, 5}, 1, 5));
        Tensor b = causal.forward(Tensor.ofInts(new int[]{1, 2, 3, 9, 0}, 1, 5));
        assertArrayEquals(a.slice(1, 0, 3).toDoubleArray(), b.slice(1, 0, 3).toDoubleArray(), 1e-12);
        causal.setAlpha(1);
        Tensor c = causal.forward(Tensor.ofInts(new int[]{1, 2, 3, 4, 5}, 1, 5));
        assertArrayEquals(enc.forward(Tensor.ofInts(new int[]{1, 2, 3, 4, 5}, 1, 5)).toDoubleArray(), c.toDoubleArray(), 1e-12);
        assertEquals(0.5, SoftCausalMask.linearRamp(5, 10));
        assertThrows(IllegalArgumentException.class, () -> causal.setAlpha(1.5));
    }

    @Test
    void sparseAutoEncoderKeepsKAndTracksDeadLatents() {
        SparseAutoEncoder sae = new SparseAutoEncoder(6, 20, 3, 4, 1, false, F64, new Rng(1));
        Tensor x = Tensor.randn(F64, new Rng(2), 4, 6);
        SparseAutoEncoder.Output o = sae.encode(x);
        double[] z = o.latent().toDoubleArray();
        for (int i = 0; i < 4; i++) {
            int nz = 0;
            for (int j = 0; j < 20; j++) if (z[i * 20 + j] != 0) nz++;
            assertTrue(nz <= 3, "row " + i + " has " + nz + " active latents");
        }
        assertArrayEquals(new int[]{4, 6}, o.recon().shape());
        assertFalse(anyTrue(sae.deadLatents()), "one step is within the threshold");
        sae.encode(x);
        boolean[] dead = sae.deadLatents();
        assertTrue(anyTrue(dead));
        for (int i = 0; i < 4; i++) for (int j = 0; j < 20; j++) if (z[i * 20 + j] > 0) assertFalse(dead[j], "latent " + j + " was active");
        double[] aux = sae.encode(x).latentAux().toDoubleArray();
        for (int i = 0; i < 4; i++) for (int j = 0; j < 20; j++) if (aux[i * 20 + j] != 0) assertTrue(dead[j]);
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean x : b) if (x) return true;
        return false;
    }

    @Test
    void routerSharesModulesOnce() {
        Linear shared = new Linear(3, 2, new Rng(1));
        Map<String, Linear> r = new LinkedHashMap<>();
        r.put("query", new Linear(3, 2, new Rng(2)));
        r.put("document", shared);
        r.put("passage", shared);
        Router<Linear> router = new Router<>(r, "query");
        assertEquals(List.of("query.weight", "query.bias", "document.weight", "document.bias"), List.copyOf(router.namedParameters().keySet()));
        assertSame(shared, router.route("passage"));
        assertThrows(IllegalArgumentException.class, () -> router.route("image"));
    }

    @Test
    void spladeAndStaticQueries() {
        Tensor logits = Tensor.of(new double[]{1, -1, 0.5, 3, 2, 0, 9, 9, 9}, 1, 3, 3);
        Tensor m = Tensor.of(new double[]{1, 1, 0}, 1, 3);
        assertArrayEquals(new double[]{Math.log1p(3), Math.log1p(2), Math.log1p(0.5)}, new SpladePooling().forward(logits, m).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{4, 0, 3, 0}, SpladePooling.topK(Tensor.of(new double[]{4, 1, 3, 2}, 1, 4), 2).toDoubleArray());
        SparseStaticEmbedding s = new SparseStaticEmbedding(new double[]{0.5, 1, 2}, F64);
        assertArrayEquals(new double[]{0, 1, 2, 0.5, 0, 0}, s.forward(Bag.of(new int[]{2, 1, 2}, new int[]{0})).toDoubleArray());
    }

    @Test
    void hypergraphPropagationByFormula() {
        double[][] h = {{1, 0}, {1, 1}, {0, 1}};
        Tensor g = HypergraphConv.propagation(h, null, F64);
        // dv = [1, 2, 1], de = [2, 2]
        assertEquals(1 / 2.0, g.get(0, 0), 1e-15);
        assertEquals(1 / 2.0 / Math.sqrt(2), g.get(0, 1), 1e-15);
        assertEquals((1 / 2.0 + 1 / 2.0) / 2, g.get(1, 1), 1e-15);
        assertEquals(0, g.get(0, 2), 1e-15);
    }

    @Test
    void miscShapes() {
        UnifiedEmbedding ue = new UnifiedEmbedding(50, 4, 3, 2, false, F64, new Rng(1));
        assertArrayEquals(new int[]{2, 12}, ue.forward(new long[][]{{1, 2, 3}, {4, 5, 6}}).shape());
        assertEquals(ue.bucket(42, 1, 0), ue.bucket(42, 1, 0));
        assertNotEquals(ue.bucket(42, 0, 0), ue.bucket(42, 1, 0));
        BatchFormer bf = new BatchFormer(4, 2, 8, F64, new Rng(1));
        Tensor x = Tensor.randn(F64, new Rng(2), 3, 4);
        assertArrayEquals(new int[]{6, 4}, bf.forward(x).shape());
        bf.eval();
        assertSame(x, bf.forward(x));
        InstructionPrefix p = InstructionPrefix.instruct();
        assertEquals("Instruct: find docs\nQuery: hello", p.apply("find docs", "hello"));
        Tensor pm = new InstructionPrefix("{task}: ", false).poolingMask(Tensor.ones(F64, 2, 3), new int[]{1, 2});
        assertArrayEquals(new double[]{0, 1, 1, 0, 0, 1}, pm.toDoubleArray());
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(10, 5, 8, 2, 1, 16, 0, false), F64, new Rng(2));
        SoftPrompt sp = new SoftPrompt(enc, 3, F64, new Rng(3));
        TokenInput in = TokenInput.padded(new int[][]{{1, 2}, {3, 4, 5}}, 0);
        assertArrayEquals(new int[]{2, 6, 8}, sp.forward(in).shape());
        assertEquals(1, sp.promptParameters().size());
        MultiHeads mh = new MultiHeads(List.of(new Linear(3, 4, new Rng(1)), new Linear(3, 4, new Rng(2))));
        assertArrayEquals(new int[]{2, 5, 4}, mh.forwardAll(Tensor.randn(DType.F32, new Rng(1), 5, 3)).shape());
        SimpleXTower sx = new SimpleXTower(4, 9, 5, 0.5, F64, new Rng(1));
        assertArrayEquals(new int[]{2, 5}, sx.forward(Tensor.ofInts(new int[]{0, 3}, 2), Tensor.ofInts(new int[]{1, 2, 8, 0}, 2, 2), Tensor.ones(F64, 2, 2)).shape());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void hyperbolicIdentities(long seed) {
        Tensor v = Tensor.randn(F64, new Rng(seed), 3, 4).mul(0.5);
        Tensor y = Hyperbolic.expmap0(v);
        for (double n : y.norm(1, false).toDoubleArray()) assertTrue(n < 1, "seed " + seed);
        assertArrayEquals(v.toDoubleArray(), Hyperbolic.logmap0(y).toDoubleArray(), 1e-10, "seed " + seed);
        assertArrayEquals(y.toDoubleArray(), Hyperbolic.mobiusAdd(y, Tensor.zeros(F64, 1, 4)).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[12], Hyperbolic.mobiusAdd(y.neg(), y).toDoubleArray(), 1e-12);
        Tensor eye = Tensor.of(new double[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4);
        assertArrayEquals(y.toDoubleArray(), Hyperbolic.mobiusMatVec(eye, y).toDoubleArray(), 1e-10);
        Tensor c = Hyperbolic.clip(v.mul(10), 1.0);
        for (double n : c.norm(1, false).toDoubleArray()) assertTrue(n <= 1 + 1e-12);
    }
}
