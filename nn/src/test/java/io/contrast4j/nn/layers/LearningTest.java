package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small real learning tasks, trained with optimizers written inline (the optim package lives elsewhere). */
class LearningTest {

    private static Tensor crossEntropy(Tensor logits, int[] y, int classes) {
        Tensor oh = Tensor.oneHot(Tensor.ofInts(y, y.length), classes, logits.dtype());
        return logits.logSoftmax(1).mul(oh).sum().div(-y.length);
    }

    private static void sgd(Module m, double lr) {
        try (var g = Grad.off()) {
            for (Tensor p : m.parameters()) {
                if (p.grad() != null) p.assign(p.detach().sub(p.grad().mul(lr)).storage());
            }
        }
        m.zeroGrad();
    }

    /** Minimal Adam (β = 0.9, 0.999) over a module's parameters. */
    private static final class Adam {
        final List<Tensor> ps;
        final Tensor[] m, v;
        int t;

        Adam(Module mod) {
            ps = mod.parameters();
            m = new Tensor[ps.size()];
            v = new Tensor[ps.size()];
        }

        void step(double lr) {
            t++;
            try (var g = Grad.off()) {
                for (int i = 0; i < ps.size(); i++) {
                    Tensor p = ps.get(i), gr = p.grad();
                    if (gr == null) continue;
                    m[i] = m[i] == null ? gr.mul(0.1) : m[i].mul(0.9).add(gr.mul(0.1));
                    v[i] = v[i] == null ? gr.mul(gr).mul(0.001) : v[i].mul(0.999).add(gr.mul(gr).mul(0.001));
                    Tensor mh = m[i].div(1 - Math.pow(0.9, t)), vh = v[i].div(1 - Math.pow(0.999, t));
                    p.assign(p.detach().sub(mh.div(vh.sqrt().add(1e-8)).mul(lr)).storage());
                    p.zeroGrad();
                }
            }
        }
    }

    @Test
    void mlpLearnsDigits() throws Exception {
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(new GZIPInputStream(LearningTest.class.getResourceAsStream("/digits.csv.gz")), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                float[] x = new float[64];
                for (int i = 0; i < 64; i++) x[i] = Float.parseFloat(f[i]) / 16f;
                xs.add(x);
                ys.add((int) Double.parseDouble(f[64]));
            }
        }
        int n = xs.size(), nTrain = 1400;
        assertTrue(n == 1797, "digits rows: " + n);
        MLP mlp = MLP.builder(64, 48, 10).activation("relu").dropout(0.1).rng(new Rng(1)).build();
        Rng rng = new Rng(2);
        int[] order = new int[nTrain];
        for (int i = 0; i < nTrain; i++) order[i] = i;
        for (int epoch = 0; epoch < 30; epoch++) {
            rng.shuffle(order);
            for (int b = 0; b < nTrain; b += 50) {
                int bs = Math.min(50, nTrain - b);
                float[][] bx = new float[bs][];
                int[] by = new int[bs];
                for (int i = 0; i < bs; i++) {
                    bx[i] = xs.get(order[b + i]);
                    by[i] = ys.get(order[b + i]);
                }
                crossEntropy(mlp.forward(Tensor.fromArray(bx)), by, 10).backward();
                sgd(mlp, 0.3);
            }
        }
        mlp.eval();
        float[][] tx = xs.subList(nTrain, n).toArray(new float[0][]);
        int[] pred = mlp.forward(Tensor.fromArray(tx)).topk(1, true).toIntArray();
        int correct = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == ys.get(nTrain + i)) correct++;
        double acc = correct / (double) pred.length;
        assertTrue(acc > 0.9, "held-out digits accuracy " + acc);
    }

    @Test
    void tinyTransformerOverfitsSequences() {
        int[][] seqs = {{1, 2, 3}, {3, 2, 1}, {4, 5, 6, 7}, {7, 6, 5, 4}, {1, 1, 2}, {2, 1, 1, 8}, {9, 8}, {8, 9, 9, 9, 9}};
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        TokenInput in = TokenInput.padded(seqs, 0);
        TransformerEncoder enc = new TransformerEncoder(new TransformerConfig(10, 6, 16, 2, 2, 32, 0, false), DType.F32, new Rng(4));
        Linear head = new Linear(16, 4, new Rng(5));
        Pooling pool = Pooling.mean();
        Module model = new Sequential(enc, head); // owns both parameter sets
        Adam opt = new Adam(model);
        double loss = Double.NaN;
        long t0 = System.nanoTime();
        for (int step = 0; step < 150; step++) {
            Tensor l = crossEntropy(head.forward(pool.forward(enc.forward(in), in.mask())), labels, 4);
            loss = l.item();
            if (loss < 0.02) break;
            l.backward();
            opt.step(0.01);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(loss < 0.02, "training loss " + loss + " after the step budget");
        assertTrue(secs < 8, "took " + secs + " s");
    }
}
