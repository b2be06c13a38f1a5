package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.nn.NnComponent;
import io.contrast4j.nn.NnRegistry;
import io.contrast4j.nn.layers.Activation;
import io.contrast4j.nn.layers.Bag;
import io.contrast4j.nn.layers.Linear;
import io.contrast4j.nn.layers.Pooling;
import io.contrast4j.nn.layers.TokenInput;
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

/** Registry rows (with float64 gradient checks) of the encoder components in this package: catalog (k) E05-E25. */
public final class ComponentRegistry {
    private static final DType F64 = DType.F64;

    private ComponentRegistry() {
    }

    private static NnComponent c(CatalogInfo info, Map<String, String> defaults, Input... inputs) {
        return new NnComponent(info, defaults, List.of(inputs));
    }

    private static TransformerEncoder tinyEncoder(long s) {
        return NnRegistry.perturbed(new TransformerEncoder(new TransformerConfig(6, 6, 4, 2, 1, 6, 0, false), F64, new Rng(s)), s);
    }

    public static List<Entry> entries() {
        List<Entry> c = new ArrayList<>();
        c.add(entry(c(UnifiedEmbedding.INFO, Map.of("probes", "2", "combine", "sum"), Input.ints("values", "B x F", "feature values")),
                of("E05", s -> new UnifiedEmbedding(13, 3, 2, 2, false, F64, new Rng(s)), s -> map(),
                        (m, in) -> m.forward(new long[][]{{5, 77}, {5, 12345678901L}, {-3, 0}})),
                of("E05.concat", s -> new UnifiedEmbedding(13, 3, 2, 2, true, F64, new Rng(s)), s -> map(),
                        (m, in) -> m.forward(new long[][]{{1, 2}, {3, 4}}))));
        c.add(entry(c(Router.INFO, Map.of(), Input.floats("x", "N x D", "inputs of one role")),
                of("E06", s -> {
                    Linear shared = new Linear(3, 3, true, F64, new Rng(s));
                    Map<String, Linear> r = new LinkedHashMap<>();
                    r.put("query", new Linear(3, 3, true, F64, new Rng(s + 1)));
                    r.put("document", shared);
                    r.put("passage", shared);
                    return new Router<>(r, "query");
                }, s -> map("x", randn(s, 2, 3)), (m, in) -> Tensor.concat(List.of(m.forward("query", in.get("x")), m.forward("document", in.get("x")),
                        m.forward("passage", in.get("x").tanh())), 1))));
        c.add(entry(c(SpladePooling.INFO, Map.of("maxActiveDims", "none"), Input.floats("logits", "B x T x V", "MLM logits"), Input.floats("mask", "B x T", "padding mask")),
                of("E07", s -> new SpladePooling(), s -> map("logits", io.contrast4j.autograd.check.OpCatalog.awayFrom(randn(s, 2, 3, 5), new double[]{0}, 0.05)),
                        (m, in) -> SpladePooling.topK(m.forward(in.get("logits"), mask(3, 3, 2)), 3)),
                of("E07.sparseStatic", s -> new SparseStaticEmbedding(new double[]{0.5, 1.2, 2.0, 0.1, 0.9}, F64), s -> map(),
                        (m, in) -> m.forward(Bag.of(new int[]{1, 3, 1}, new int[]{4, 0}, new int[]{})))));
        c.add(entry(c(SparseAutoEncoder.INFO, Map.of("hidden", "512", "k", "8", "kAux", "512", "deadThreshold", "30"), Input.floats("x", "B x D", "embeddings")),
                of("E08", s -> {
                    SparseAutoEncoder sae = NnRegistry.perturbed(new SparseAutoEncoder(4, 10, 2, 3, 0, false, F64, new Rng(s)), s);
                    sae.encode(randn(s + 9, 2, 4));
                    sae.eval();
                    return sae;
                }, s -> map("x", randn(s, 3, 4)), (m, in) -> {
                    SparseAutoEncoder.Output o = m.encode(in.get("x"));
                    return Tensor.concat(List.of(o.latent(), o.recon(), o.recon4k(), o.reconAux()), 1);
                }),
                of("E08.layerNorm", s -> NnRegistry.perturbed(new SparseAutoEncoder(4, 8, 3, 2, 30, true, F64, new Rng(s)), s),
                        s -> map("x", randn(s, 3, 4)), (m, in) -> m.encode(in.get("x")).recon())));
        c.add(entry(c(WeightedLayerPooling.INFO, Map.of("layerStart", "4"), Input.floats("layers", "L x B x T x D", "every layer's token states")),
                of("E09", s -> NnRegistry.perturbed(new WeightedLayerPooling(3, 1, F64), s), s -> map("l0", randn(s, 2, 3, 2), "l1", randn(s + 1, 2, 3, 2), "l2", randn(s + 2, 2, 3, 2)),
                        (m, in) -> m.forward(List.of(in.get("l0"), in.get("l1"), in.get("l2")))),
                of("E09.encoder", s -> new io.contrast4j.nn.layers.Sequential(tinyEncoder(s), new WeightedLayerPooling(2, 0, F64)), s -> map(),
                        (m, in) -> ((WeightedLayerPooling) m.get(1)).forward(((TransformerEncoder) m.get(0)).forwardLayers(new TokenInput(ids(2, 6, 2, 3), mask(3, 3, 2)))))));
        c.add(entry(c(InstructionPrefix.INFO, Map.of("template", "Instruct: {task}\\nQuery: ", "includeInPooling", "true"), Input.ints("ids", "B x T", "prefixed token ids")),
                of("E11", s -> new io.contrast4j.nn.layers.Sequential(tinyEncoder(s), Pooling.mean()), s -> map(), (m, in) -> {
                    TokenInput ti = new TokenInput(ids(4, 6, 2, 5), mask(5, 5, 4));
                    Tensor pm = new InstructionPrefix("Q: {task} ", false).poolingMask(ti.mask(), new int[]{2, 1});
                    return ((Pooling) m.get(1)).forward(((TransformerEncoder) m.get(0)).forward(ti), pm);
                })));
        c.add(entry(c(SoftPrompt.INFO, Map.of("numPrompts", "4"), Input.ints("ids", "B x T", "token ids")),
                of("E12", s -> new SoftPrompt(tinyEncoder(s), 2, F64, new Rng(s + 3)), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(5, 6, 2, 3), mask(3, 3, 1))))));
        c.add(entry(c(SoftCausalMask.INFO, Map.of("alpha", "ramp 0 → 1"), Input.ints("ids", "B x T", "token ids")),
                of("E13", s -> new SoftCausalMask(tinyEncoder(s), 0.3), s -> map(), (m, in) -> m.forward(new TokenInput(ids(6, 6, 2, 4), mask(4, 4, 3)))),
                of("E13.causal", s -> new SoftCausalMask(tinyEncoder(s), 0.0), s -> map(), (m, in) -> m.forward(new TokenInput(ids(7, 6, 1, 3), mask(3, 3))))));
        c.add(entry(c(MultiHeads.INFO, Map.of("selection", "min entropy"), Input.floats("x", "B x D", "shared features")),
                of("E14", s -> new MultiHeads(List.of(new Linear(3, 4, true, F64, new Rng(s)), new Linear(3, 4, true, F64, new Rng(s + 1)), new Linear(3, 4, true, F64, new Rng(s + 2)))),
                        s -> map("x", randn(s, 5, 3).mul(2)), (m, in) -> Tensor.concat(List.of(m.selectByConfidence(in.get("x")), m.forward(1, in.get("x")), m.forward(in.get("x"))), 1))));
        c.add(entry(c(BatchFormer.INFO, Map.of("heads", "4"), Input.floats("x", "B x D", "batch features")),
                onX("E16", s -> NnRegistry.perturbed(new BatchFormer(4, 2, 6, F64, new Rng(s)), s), s -> randn(s, 3, 4), BatchFormer::forward)));
        c.add(entry(c(SimplexClassifier.INFO, Map.of(), Input.floats("f", "B x (C-1)", "features")),
                onX("E19", s -> new SimplexClassifier(4, F64), s -> randn(s, 3, 3), (m, x) -> m.forward(x).logSoftmax(1))));
        c.add(entry(c(TwoPassSoftmax.INFO, Map.of(), Input.floats("x", "N x K", "logits")),
                new io.contrast4j.autograd.check.GradCase("E21", s -> io.contrast4j.autograd.check.GradCase.Problem.of(map("x", randn(s, 3, 5).mul(4)),
                        in -> TwoPassSoftmax.softmax(in.get("x")))),
                new io.contrast4j.autograd.check.GradCase("E21.lse", s -> io.contrast4j.autograd.check.GradCase.Problem.of(map("x", randn(s, 3, 5).mul(30)),
                        in -> TwoPassSoftmax.logSumExp(in.get("x"))))));
        c.add(entry(c(GumbelSoftmax.INFO, Map.of("tau", "1", "hard", "false", "noise", "float64"), Input.floats("logits", "B x K", "log π")),
                of("E22", s -> new GumbelSoftmax(0.7, false, new Rng(s)), s -> map("logits", randn(s, 3, 4)), (m, in) -> {
                    m.reseed(99);
                    return m.forward(in.get("logits"));
                })));
        c.add(entry(c(Hyperbolic.INFO, Map.of("curvature", "1", "clipRadius", "caller's choice"), Input.floats("x", "B x D", "Euclidean features")),
                onX("E23", s -> new io.contrast4j.nn.layers.Sequential(new Hyperbolic.Linear(3, 4, F64, new Rng(s)), new Hyperbolic.MLR(4, 3, F64, new Rng(s + 1))),
                        s -> randn(s, 3, 3), (m, x) -> m.forward(Hyperbolic.expmap0(Hyperbolic.clip(x, 1.5)))),
                onX("E23.maps", s -> new io.contrast4j.nn.layers.Sequential(), s -> randn(s, 3, 4).mul(0.5),
                        (m, x) -> Hyperbolic.logmap0(Hyperbolic.mobiusAdd(Hyperbolic.expmap0(x), Hyperbolic.expmap0(x.slice(0, 0, 1).mul(0.7)))))));
        c.add(entry(c(HypergraphConv.INFO, Map.of("edgeWeights", "1"), Input.floats("x", "N x in", "vertex features")),
                of("E24", s -> new HypergraphConv(3, 2, F64, new Rng(s)), s -> map("x", randn(s, 4, 3)), (m, in) -> m.forward(in.get("x"),
                        HypergraphConv.propagation(new double[][]{{1, 0, 1}, {1, 1, 0}, {0, 1, 1}, {0, 0, 1}}, new double[]{1, 2, 0.5}, F64)).tanh())));
        c.add(entry(c(SimpleXTower.INFO, Map.of("g", "0.5", "aggregation", "mean"), Input.ints("users", "B", "user ids"), Input.ints("history", "B x L", "item ids")),
                of("E25", s -> new SimpleXTower(3, 6, 3, 0.4, F64, new Rng(s)), s -> map(), (m, in) -> m.forward(Tensor.ofInts(new int[]{2, 0}, 2),
                        Tensor.ofInts(new int[]{1, 5, 5, 0, 3, 2}, 2, 3), mask(3, 3, 1)))));
        c.add(entry(c(Lstm.INFO, Map.of("lstmHidden", "caller's", "layers", "1", "bidirectional", "true", "cnnOutChannels", "256", "cnnKernels", "1,3,5"),
                        Input.floats("tokens", "B x T x D", "token embeddings"), Input.floats("mask", "B x T", "padding mask")),
                of("E10", s -> new Lstm(3, 2, 2, true, F64, new Rng(s)), s -> map("x", randn(s, 2, 4, 3)), (m, in) -> m.forward(in.get("x"), mask(4, 4, 2))),
                of("E10.cnn", s -> new TextCnn(3, 2, new int[]{1, 3}, F64, new Rng(s)), s -> map("x", randn(s, 2, 4, 3)), (m, in) -> m.forward(in.get("x"), mask(4, 4, 3)))));
        c.add(entry(c(MixtureOfExperts.INFO, Map.of("topK", "1", "gateBias", "false", "frequencies", "global batch"), Input.floats("x", "N x D", "token or sentence features")),
                of("E15", s -> new MixtureOfExperts(3, List.of(new Linear(3, 2, true, F64, new Rng(s)), new Linear(3, 2, true, F64, new Rng(s + 1)),
                        new Linear(3, 2, true, F64, new Rng(s + 2))), 2, F64, new Rng(s + 3)), s -> map("x", randn(s, 5, 3).mul(2)), (m, in) -> {
                    MixtureOfExperts.Routed r = m.route(in.get("x"));
                    Tensor lbl = MixtureOfExperts.loadBalancingLoss(r.probs(), new double[]{0.5, 0.2, 0.3});
                    return Tensor.concat(List.of(r.output().flatten(), lbl.reshape(1)), 0);
                }),
                of("E15.enforced", s -> new MixtureOfExperts(3, List.of(new Linear(3, 2, true, F64, new Rng(s)), new Linear(3, 2, true, F64, new Rng(s + 1))), 1, F64, new Rng(s + 3)),
                        s -> map("x", randn(s, 4, 3)), (m, in) -> m.forwardEnforced(in.get("x"), new int[]{1, 0, 1, 1}))));
        c.add(entry(c(Set2Set.INFO, Map.of("steps", "3"), Input.floats("memories", "B x N x D", "set members"), Input.floats("mask", "B x N", "member mask")),
                of("E17", s -> new Set2Set(3, 2, F64, new Rng(s)), s -> map("m", randn(s, 2, 4, 3)), (m, in) -> m.forward(in.get("m"), mask(4, 4, 3))),
                new io.contrast4j.autograd.check.GradCase("E17.orderSearch", s -> io.contrast4j.autograd.check.GradCase.Problem.of(map("nll", randn(s, 3, 4)),
                        in -> Set2Set.orderSearchLoss(in.get("nll"))))));
        c.add(entry(c(HierarchicalEncoder.INFO, Map.of("aggregation", "max"), Input.ints("paragraphs", "(B·P) x T", "paragraph token ids"), Input.floats("docMask", "B x P", "paragraph mask")),
                of("E18", s -> new HierarchicalEncoder(tinyEncoder(s), Pooling.mean(), HierarchicalEncoder.Aggregation.ATTENTION, 3, 2, F64, new Rng(s + 1)), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(7, 6, 6, 3), mask(3, 3, 2, 3, 1, 2, 1)), mask(3, 3, 2))),
                of("E18.transformer", s -> NnRegistry.perturbed(new HierarchicalEncoder(tinyEncoder(s), Pooling.mean(), HierarchicalEncoder.Aggregation.TRANSFORMER, 3, 2, F64, new Rng(s + 1)), s),
                        s -> map("p", randn(s, 2, 3, 4)), (m, in) -> m.aggregate(in.get("p"), mask(3, 3, 2))),
                of("E18.max", s -> new HierarchicalEncoder(tinyEncoder(s), Pooling.mean(), HierarchicalEncoder.Aggregation.MAX, 2, 2, F64, new Rng(s + 1)), s -> map(),
                        (m, in) -> m.forward(new TokenInput(ids(8, 6, 4, 3), mask(3, 3, 2, 1, 3)), mask(2, 2, 1)))));
        c.add(entry(c(SoftAttention.INFO, Map.of("landmarks", "16", "newtonIterations", "20", "symmetricNorm", "false"), Input.floats("x", "B x T x D", "token states"),
                        Input.floats("mask", "B x T", "padding mask")),
                of("E20", s -> new SoftAttention(4, 2, 2, 30, false, F64, new Rng(s)), s -> map("x", randn(s, 2, 4, 4)), (m, in) -> m.forward(in.get("x"), mask(4, 4, 3))),
                of("E20.symNorm", s -> new SoftAttention(4, 1, 3, 40, true, F64, new Rng(s)), s -> map("x", randn(s, 1, 5, 4)), (m, in) -> m.forward(in.get("x"), mask(5, 5)))));
        return c;
    }
}
