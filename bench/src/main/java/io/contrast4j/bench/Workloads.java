package io.contrast4j.bench;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.contrastive.InfoNce;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.HashedBagEncoder;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.layers.Pooling;
import io.contrast4j.nn.layers.TransformerConfig;
import io.contrast4j.nn.layers.TransformerEncoder;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.nn.optim.ParamGroups;
import io.contrast4j.nn.layers.Bag;
import io.contrast4j.nn.text.HashedNgramFeaturizer;

import java.util.ArrayList;
import java.util.List;

/** The reference training workloads of the harness, on synthetic data of the right shapes. */
final class Workloads {
    private Workloads() {
    }

    private static float[] gaussian(Rng r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static Optimizer adamw(Module m) {
        return OptimRegistry.create("adamw", ParamGroups.defaults(m, 1e-3, 1e-2), Params.empty());
    }

    /** (a) MLP in-hidden-out with multi-similarity loss (L011) on P x K batches, AdamW. */
    static TrainStep mlpMultiSimilarity(int in, int hidden, int out, int p, int k) {
        Rng r = new Rng(1);
        MLP model = MLP.builder(in, hidden, out).rng(new Rng(2)).build();
        Loss loss = LossRegistry.find("L011").create();
        Optimizer opt = adamw(model);
        int b = p * k;
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) labels[i] = i / k;
        Tensor[] xs = new Tensor[4];
        for (int i = 0; i < xs.length; i++) xs[i] = Tensor.of(gaussian(r, b * in), b, in);
        return new TrainStep() {
            int t;

            public int batchSize() {
                return b;
            }

            public double step() {
                opt.zeroGrad();
                Tensor l = loss.compute(LossInputs.of(model.forward(xs[t++ % xs.length]), labels));
                l.backward();
                opt.step();
                return l.item();
            }
        };
    }

    /**
     * The DL4J-comparable model: MLP in-hidden-out (ReLU on both hidden layers) + a softmax classifier head with
     * cross-entropy, AdamW. Same layer shapes as {@code Dl4jMlp}.
     */
    static TrainStep mlpSoftmax(int in, int hidden, int out, int classes, int b) {
        Rng r = new Rng(3);
        MLP body = MLP.builder(in, hidden, out).activateLast(true).rng(new Rng(4)).build();
        Linear head = new Linear(out, classes, true, DType.F32, new Rng(5));
        Module model = new Module() {
            {
                child("body", body);
                child("head", head);
            }

            @Override
            public Tensor forward(Tensor x) {
                return head.forward(body.forward(x));
            }
        };
        Optimizer opt = adamw(model);
        Tensor[] xs = new Tensor[4];
        int[][] ys = new int[4][b];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Tensor.of(gaussian(r, b * in), b, in);
            for (int j = 0; j < b; j++) ys[i][j] = (int) Math.floorMod(r.nextLong(), (long) classes);
        }
        return new TrainStep() {
            int t;

            public int batchSize() {
                return b;
            }

            public double step() {
                int i = t++ % xs.length;
                opt.zeroGrad();
                Tensor l = InfoNce.ce(model.forward(xs[i]), ys[i]).mean();
                l.backward();
                opt.step();
                return l.item();
            }
        };
    }

    /** Synthetic sentences over a fixed vocabulary of random lowercase words. */
    static final class Texts {
        private final String[] vocab;
        private final Rng r;

        Texts(int words, long seed) {
            r = new Rng(seed);
            vocab = new String[words];
            for (int i = 0; i < words; i++) {
                int len = 3 + (int) Math.floorMod(r.nextLong(), 7L);
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < len; c++) sb.append((char) ('a' + Math.floorMod(r.nextLong(), 26L)));
                vocab[i] = sb.toString();
            }
        }

        String sentence() {
            int len = 8 + (int) Math.floorMod(r.nextLong(), 13L);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                if (i > 0) sb.append(' ');
                sb.append(vocab[(int) Math.floorMod(r.nextLong(), (long) vocab.length)]);
            }
            return sb.toString();
        }

        List<String> batch(int b) {
            List<String> out = new ArrayList<>(b);
            for (int i = 0; i < b; i++) out.add(sentence());
            return out;
        }
    }

    /**
     * (b) Hashed n-gram bag encoder (E04: buckets 2^18, embed 128, hidden 256, out {@code dim}) with in-batch InfoNCE
     * (L101) and one hard negative per anchor; featurisation of the texts is part of each step.
     */
    static TrainStep hashedTextInfoNce(int b, int dim) {
        HashedNgramFeaturizer feat = new HashedNgramFeaturizer();
        HashedBagEncoder enc = new HashedBagEncoder(feat.dimension(), 128, 256, dim, false, DType.F32, new Rng(6));
        Loss loss = LossRegistry.find("L101").create();
        Optimizer opt = adamw(enc);
        Texts texts = new Texts(20000, 7);
        List<List<String>> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) pool.add(texts.batch(b));
        return new TrainStep() {
            int t;

            public int batchSize() {
                return b;
            }

            public double step() {
                int i = 3 * (t++ % 4);
                Bag a = bag(feat, pool.get(i)), p = bag(feat, pool.get(i + 1)), n = bag(feat, pool.get(i + 2));
                opt.zeroGrad();
                Tensor ea = enc.forward(a), ep = enc.forward(p), en = enc.forward(n).reshape(b, 1, dim);
                Tensor l = loss.compute(LossInputs.of(java.util.Map.of(InfoNce.ANCHORS, ea, InfoNce.POSITIVES, ep,
                        InfoNce.NEGATIVES, en)));
                l.backward();
                opt.step();
                return l.item();
            }
        };
    }

    /** Featurises texts into the encoder's CSR bag (ids + offsets; the featurizer's weights are uniform here). */
    private static Bag bag(HashedNgramFeaturizer feat, List<String> texts) {
        io.contrast4j.nn.text.Bag t = feat.batch(texts);
        // text bags carry batch + 1 offsets (the last is the end); the encoder's bags carry one start per bag
        return new Bag(t.ids(), java.util.Arrays.copyOf(t.offsets(), t.batchSize()));
    }

    /** (c) Transformer encoder (E03, {@code layers} layers, dim, 4 heads, seq len) + mean pooling + in-batch InfoNCE. */
    static TrainStep transformerInfoNce(int b, int dim, int heads, int layers, int seq) {
        int vocab = 8192;
        TransformerEncoder enc = new TransformerEncoder(TransformerConfig.of(vocab, seq, dim, heads, layers), DType.F32, new Rng(8));
        Pooling pool = Pooling.mean();
        Loss loss = LossRegistry.find("L101").create();
        Optimizer opt = adamw(enc);
        Rng r = new Rng(9);
        Tensor[] ids = new Tensor[8];
        for (int i = 0; i < ids.length; i++) {
            int[] v = new int[b * seq];
            for (int j = 0; j < v.length; j++) v[j] = (int) Math.floorMod(r.nextLong(), (long) vocab);
            ids[i] = Tensor.ofInts(v, b, seq);
        }
        return new TrainStep() {
            int t;

            public int batchSize() {
                return b;
            }

            public double step() {
                int i = 2 * (t++ % 4);
                opt.zeroGrad();
                Tensor a = pool.forward(enc.forward(ids[i])), p = pool.forward(enc.forward(ids[i + 1]));
                Tensor l = loss.compute(LossInputs.of(java.util.Map.of(InfoNce.ANCHORS, a, InfoNce.POSITIVES, p)));
                l.backward();
                opt.step();
                return l.item();
            }
        };
    }
}
