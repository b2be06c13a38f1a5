package io.contrast4j.nn;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.nn.components.ComponentRegistry;
import io.contrast4j.nn.layers.Activation;
import io.contrast4j.nn.layers.Bag;
import io.contrast4j.nn.layers.BatchNorm1d;
import io.contrast4j.nn.layers.Dense;
import io.contrast4j.nn.layers.Dropout;
import io.contrast4j.nn.layers.Embedding;
import io.contrast4j.nn.layers.EmbeddingBag;
import io.contrast4j.nn.layers.HashedBagEncoder;
import io.contrast4j.nn.layers.LayerNorm;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.layers.Matryoshka;
import io.contrast4j.nn.layers.MultiHeadSelfAttention;
import io.contrast4j.nn.layers.Normalize;
import io.contrast4j.nn.layers.Pooling;
import io.contrast4j.nn.layers.PositionalEmbedding;
import io.contrast4j.nn.layers.ProjectionHead;
import io.contrast4j.nn.layers.SentenceEncoder;
import io.contrast4j.nn.layers.Sequential;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerBlock;
import io.contrast4j.nn.layers.TransformerConfig;
import io.contrast4j.nn.layers.TransformerEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.contrast4j.nn.NnCases.entry;
import static io.contrast4j.nn.NnCases.ids;
import static io.contrast4j.nn.NnCases.map;
import static io.contrast4j.nn.NnCases.mask;
import static io.contrast4j.nn.NnCases.of;
import static io.contrast4j.nn.NnCases.onX;
import static io.contrast4j.nn.NnCases.randn;

/**
 * Every nn module ({@code NN.*}) and encoder component ({@code E##}) with its float64 gradient checks (small sizes;
 * dropout masks frozen by reseeding before each evaluation). Walked by the test suite and {@code c4j gradcheck}.
 */
public final class NnRegistry {
    private static final DType F64 = DType.F64;

    private NnRegistry() {
    }

    public static List<Entry> entries() {
        List<Entry> e = new ArrayList<>(modules());
        e.addAll(ComponentRegistry.entries());
        return e;
    }

    /** By ID; an unknown one is an error. */
    public static Entry find(String id) {
        for (Entry x : entries()) if (x.info().id().equalsIgnoreCase(id)) return x;
        throw new IllegalArgumentException("unknown nn module or component '" + id + "' (see 'c4j list modules' and 'c4j list encoders')");
    }

    private static Input x(String shape) {
        return Input.floats("x", shape, "input features");
    }

    /** The plain modules and E01-E04. */
    public static List<Entry> modules() {
        List<Entry> c = new ArrayList<>();
        c.add(entry(NnComponent.module("NN.linear", "Linear", "PyTorch nn.Linear", "y = x·Wᵀ + b",
                        Map.of("bias", "true", "init", "kaiming_uniform(a=√5)"), x("N x in")),
                onX("NN.linear", s -> new Linear(4, 3, true, F64, new Rng(s)), s -> (randn(s, 5, 4)), Linear::forward),
                onX("NN.linear.noBias3d", s -> new Linear(4, 3, false, F64, new Rng(s)), s -> (randn(s, 2, 3, 4)), Linear::forward)));
        for (String a : List.of("relu", "gelu", "tanh", "sigmoid", "leaky_relu")) {
            String id = "NN." + (a.equals("leaky_relu") ? "leakyRelu" : a);
            c.add(entry(NnComponent.module(id, Activation.of(a).toString().trim(), "elementwise activation", a + "(x)", Map.of(), x("any")),
                    onX(id, s -> Activation.of(a), s -> (io.contrast4j.autograd.check.OpCatalog.awayFrom(randn(s, 3, 4), new double[]{0}, 0.05)), Activation::forward)));
        }
        c.add(entry(NnComponent.module("NN.dropout", "Dropout", "Srivastava et al. 2014 (inverted dropout)", "y = x·mask/(1−p), mask ~ Bernoulli(1−p)",
                        Map.of("p", "0.5"), x("any")),
                onX("NN.dropout", s -> new Dropout(0.5, new Rng(s)), s -> (randn(s, 4, 5)), Dropout::forward)));
        c.add(entry(NnComponent.module("NN.layerNorm", "LayerNorm", "Ba et al. 2016", "y = (x − μ)/√(σ² + ε)·γ + β",
                        Map.of("eps", "1e-5"), x("N x D")),
                onX("NN.layerNorm", s -> perturbed(new LayerNorm(5, F64), s), s -> (randn(s, 3, 5)), LayerNorm::forward)));
        c.add(entry(NnComponent.module("NN.batchNorm1d", "BatchNorm1d", "Ioffe & Szegedy 2015", "y = (x − μ_B)/√(σ²_B + ε)·γ + β; eval: running stats",
                        Map.of("eps", "1e-5", "momentum", "0.1"), x("N x C")),
                onX("NN.batchNorm1d", s -> perturbed(new BatchNorm1d(3, F64), s), s -> (randn(s, 6, 3)), BatchNorm1d::forward),
                onX("NN.batchNorm1d.eval", s -> {
                    BatchNorm1d bn = perturbed(new BatchNorm1d(3, F64), s);
                    bn.forward(randn(s + 5, 8, 3));
                    bn.eval();
                    return bn;
                }, s -> (randn(s, 4, 3)), BatchNorm1d::forward)));
        c.add(entry(NnComponent.module("NN.mlp", "MLP", "multi-layer perceptron", "Linear → [norm] → act → [dropout] … → Linear",
                        Map.of("activation", "relu", "norm", "none", "dropout", "0"), x("N x in")),
                onX("NN.mlp", s -> MLP.builder(4, 6, 3).activation("tanh").dtype(F64).rng(new Rng(s)).build(), s -> (randn(s, 5, 4)), MLP::forward),
                onX("NN.mlp.layerNormDropout", s -> MLP.builder(4, 6, 5, 2).activation("gelu").norm(MLP.Norm.LAYER).dropout(0.3).dtype(F64).rng(new Rng(s)).build(),
                        s -> (randn(s, 3, 4)), MLP::forward),
                onX("NN.mlp.batchNorm", s -> MLP.builder(3, 5, 2).activation("sigmoid").norm(MLP.Norm.BATCH).dtype(F64).rng(new Rng(s)).build(),
                        s -> (randn(s, 6, 3)), MLP::forward)));
        c.add(entry(NnComponent.module("NN.sequential", "Sequential", "PyTorch nn.Sequential", "y = f_n(…f_1(x))", Map.of(), x("any")),
                onX("NN.sequential", s -> new Sequential(new Linear(3, 4, true, F64, new Rng(s)), Activation.tanh(), new Linear(4, 2, true, F64, new Rng(s + 1))),
                        s -> (randn(s, 3, 3)), Sequential::forward)));
        c.add(entry(NnComponent.module("NN.embedding", "Embedding", "PyTorch nn.Embedding", "y = W[ids]", Map.of("init", "N(0,1)"),
                        Input.ints("ids", "B x T", "token ids")),
                of("NN.embedding", s -> new Embedding(6, 3, F64, new Rng(s)), s -> map(), (m, in) -> m.forward(ids(3, 6, 2, 4)))));
        c.add(entry(NnComponent.module("NN.embeddingBag", "EmbeddingBag", "PyTorch nn.EmbeddingBag", "y_b = Σ_{i∈b} w_i W[id_i] (/ Σ w_i for mean)",
                        Map.of("mode", "mean"), Input.ints("ids", "N", "CSR ids"), Input.ints("offsets", "B", "bag starts")),
                of("NN.embeddingBag.sum", s -> new EmbeddingBag(7, 3, EmbeddingBag.Mode.SUM, F64, new Rng(s)), s -> map(),
                        (m, in) -> m.forward(Bag.of(new int[]{1, 2, 2}, new int[]{}, new int[]{6, 0, 3, 1}))),
                of("NN.embeddingBag.weightedMean", s -> new EmbeddingBag(7, 3, EmbeddingBag.Mode.MEAN, F64, new Rng(s)), s -> map(),
                        (m, in) -> m.forward(Bag.of(new int[]{1, 5, 2}, new int[]{4}, new int[]{6, 0, 3, 1}), new double[]{0.5, 1, 2, 3, 1, 0.25, 2, 1}))));
        c.add(entry(NnComponent.module("NN.positionalEmbedding", "PositionalEmbedding", "Devlin et al. 2019 (learned); Vaswani et al. 2017 (sinusoidal)",
                        "y = x + P[0..T)", Map.of("init", "N(0,0.02²)"), x("B x T x D")),
                onX("NN.positionalEmbedding", s -> PositionalEmbedding.learned(5, 3, F64, new Rng(s)), s -> (randn(s, 2, 4, 3)), PositionalEmbedding::forward)));
        c.add(entry(NnComponent.module("NN.attention", "MultiHeadSelfAttention", "Vaswani et al. 2017",
                        "softmax(QKᵀ/√d_h + mask)V per head, then W_o", Map.of("maskValue", "-1e9"), x("B x T x D")),
                of("NN.attention", s -> new MultiHeadSelfAttention(4, 2, F64, new Rng(s)), s -> map("x", randn(s, 2, 3, 4)),
                        (m, in) -> m.forward(in.get("x"), mask(3, 3, 2)))));
        c.add(entry(NnComponent.module("NN.transformerBlock", "TransformerBlock (pre-LN)", "Xiong et al. 2020 (pre-LN)",
                        "h = x + MHA(LN(x)); y = h + FFN(LN(h))", Map.of("dropout", "0"), x("B x T x D")),
                of("NN.transformerBlock", s -> perturbed(new TransformerBlock(4, 2, 6, 0.2, F64, new Rng(s)), s), s -> map("x", randn(s, 2, 3, 4)),
                        (m, in) -> m.forward(in.get("x"), mask(3, 3, 2)))));
        c.add(entry(NnComponent.module("NN.projectionHead", "ProjectionHead", "Chen et al. 2020 (SimCLR)", "y = W₂ relu(W₁x + b₁) + b₂",
                        Map.of("activation", "relu"), x("N x D")),
                onX("NN.projectionHead", s -> new ProjectionHead(4, 5, 3, Activation.gelu(), F64, new Rng(s)), s -> (randn(s, 3, 4)), ProjectionHead::forward)));
        c.add(entry(NnComponent.module("NN.matryoshka", "Matryoshka truncation", "Kusupati et al. 2022", "y = normalize(x[..., :k])",
                        Map.of("renormalize", "true"), x("N x D")),
                onX("NN.matryoshka", s -> new Matryoshka(3, true), s -> (randn(s, 3, 5)), Matryoshka::forward)));
        c.add(entry(NnComponent.module("NN.sentenceEncoder", "SentenceEncoder", "Reimers & Gurevych 2019 (SBERT) layout",
                        "normalize(head(pool(encoder(ids), mask)))", Map.of("pooling", "mean", "normalize", "true"), Input.ints("ids", "B x T", "token ids")),
                of("NN.sentenceEncoder", s -> perturbed(new SentenceEncoder(new TransformerEncoder(new TransformerConfig(7, 4, 4, 2, 1, 6, 0, false), F64, new Rng(s)),
                                Pooling.mean(), new ProjectionHead(4, 0, 3, F64, new Rng(s + 1)), 3, true), s), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(5, 7, 2, 4), mask(4, 4, 2))))));

        // ---- catalog components that are plain layers
        c.add(entry(new NnComponent(Pooling.INFO, Map.of("modes", "mean"), List.of(Input.floats("tokens", "B x T x D", "token states"),
                        Input.floats("mask", "B x T", "padding mask (1 = real)"))),
                of("E01", s -> Pooling.of("mean", "max", "cls", "lasttoken", "weightedmean", "mean_sqrt_len_tokens"),
                        s -> map("h", randn(s, 2, 4, 3)), (m, in) -> m.forward(in.get("h"), mask(4, 4, 2)))));
        c.add(entry(new NnComponent(Dense.INFO, Map.of("denseActivation", "tanh", "layerNormEps", "1e-5"), List.of(x("N x D"))),
                onX("E02", s -> perturbed(new Sequential(new Dense(4, 5, F64, new Rng(s)), new LayerNorm(5, F64), new Dropout(0.25, new Rng(s)), new Normalize()), s),
                        s -> (randn(s, 3, 4)), Sequential::forward)));
        c.add(entry(new NnComponent(TransformerEncoder.INFO, Map.of("positions", "learned", "ffDim", "4·d", "maskValue", "-1e9"),
                        List.of(Input.ints("ids", "B x T", "token ids"), Input.floats("mask", "B x T", "padding mask"))),
                of("E03", s -> perturbed(new TransformerEncoder(new TransformerConfig(6, 4, 4, 2, 2, 6, 0.1, false), F64, new Rng(s)), s), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(3, 6, 2, 4), mask(4, 4, 3)))),
                of("E03.sinusoidal", s -> perturbed(new TransformerEncoder(new TransformerConfig(6, 4, 4, 1, 1, 5, 0, true), F64, new Rng(s)), s), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(4, 6, 2, 3), mask(3, 3, 1))))));
        c.add(entry(new NnComponent(HashedBagEncoder.INFO, Map.of("mode", "mean", "hidden", "0"),
                        List.of(Input.ints("ids", "N", "hashed bucket ids"), Input.ints("offsets", "B", "bag starts"))),
                of("E04", s -> new HashedBagEncoder(11, 4, 5, 3, true, F64, new Rng(s)), s -> map(),
                        (m, in) -> m.forward(Bag.of(new int[]{1, 10, 2}, new int[]{4, 4}, new int[]{6, 0, 3, 1}), new double[]{1, 2, 0.5, 1, 1, 3, 1, 1, 2}))));
        return c;
    }

    /** Moves LayerNorm/BatchNorm scales and shifts off their 1/0 init so their gradients are exercised generically. */
    public static <M extends Module> M perturbed(M m, long seed) {
        Rng r = new Rng(seed ^ 0x51L);
        for (Tensor p : m.parameters()) {
            Tensor noise = Tensor.randn(p.dtype(), r, p.shape()).mul(0.3);
            p.assign(p.detach().add(noise).storage());
        }
        return m;
    }

}
