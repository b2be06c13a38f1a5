package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L140 · Matryoshka representation loss — Kusupati et al., <i>Matryoshka Representation Learning</i> (NeurIPS 2022);
 * ST {@code MatryoshkaLoss}.
 * L = Σ_{d∈D'} w_d·L_inner(normalize(emb[..., :d])) over the embedding inputs (anchors, positives, negatives,
 * embeddings, ref_embeddings: their last axis is sliced); dims sorted descending; D' = all dims, or a seeded random
 * subset of {@code n_dims_per_step} per call. The encoder runs once; the wrapper only truncates its outputs.
 * Defaults: weights all 1, n_dims_per_step −1 (all), normalize true.
 */
public final class MatryoshkaLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L140", "Matryoshka representation loss", "contrastive", "T1",
            "Kusupati et al. 2022, Matryoshka Representation Learning; ST MatryoshkaLoss",
            "L = Σ_d w_d L_inner(normalize(emb[:, :d]))");
    public static final Set<String> EMBEDDING_INPUTS = Set.of(InfoNce.ANCHORS, InfoNce.POSITIVES, InfoNce.NEGATIVES,
            LossInputs.EMBEDDINGS, io.contrast4j.losses.metric.MetricLoss.REF_EMBEDDINGS);
    private final Loss inner;
    private final int[] dims;
    private final double[] weights;
    private final int nDimsPerStep;
    private final boolean normalize;
    private final Rng rng;

    public MatryoshkaLoss(Loss inner, int[] dims, double[] weights, int nDimsPerStep, boolean normalize, long seed) {
        if (dims.length == 0) throw new IllegalArgumentException("L140: parameter 'dims' is empty");
        if (weights != null && weights.length != dims.length) throw new IllegalArgumentException("L140: " + dims.length + " dims but " + weights.length + " weights");
        Integer[] order = new Integer[dims.length];
        for (int i = 0; i < order.length; i++) {
            if (dims[i] < 1) throw new IllegalArgumentException("L140: dims must be >= 1, got " + dims[i]);
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(dims[y], dims[x]));
        this.dims = new int[dims.length];
        this.weights = new double[dims.length];
        for (int i = 0; i < order.length; i++) {
            this.dims[i] = dims[order[i]];
            this.weights[i] = weights == null ? 1 : weights[order[i]];
        }
        this.inner = inner;
        this.nDimsPerStep = nDimsPerStep;
        this.normalize = normalize;
        this.rng = new Rng(seed);
    }

    /** Parameters: {@code inner} (loss ID or name), {@code dims} ("768,512,..."), {@code weights}, {@code n_dims_per_step}, {@code normalize}, {@code seed}; {@code inner.*} go to the inner loss. */
    public static MatryoshkaLoss fromParams(Params p) {
        Map<String, Object> innerParams = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("inner.")) innerParams.put(e.getKey().substring(6), e.getValue());
            else if (!Set.of("inner", "dims", "weights", "n_dims_per_step", "normalize", "seed", "dtype").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: inner, inner.*, dims, weights, n_dims_per_step, normalize, seed)");
            }
        }
        if (p.has("dtype")) innerParams.putIfAbsent("dtype", p.getString("dtype", "F32"));
        if (!p.has("dims")) throw new IllegalArgumentException("L140: parameter 'dims' is required, e.g. dims=768,512,256");
        Loss in = LossRegistry.find(p.getString("inner", "L101")).factory().apply(Params.of(innerParams));
        int[] dims = parseInts("dims", p.getString("dims", ""));
        double[] w = p.has("weights") ? Arrays.stream(p.getString("weights", "").split(",")).mapToDouble(s -> parseDouble("weights", s)).toArray() : null;
        return new MatryoshkaLoss(in, dims, w, p.getInt("n_dims_per_step", -1), p.getBoolean("normalize", true), p.getInt("seed", 0));
    }

    static int[] parseInts(String name, String v) {
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be comma-separated integers, got '" + v + "'");
        }
    }

    static double parseDouble(String name, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be comma-separated numbers, got '" + v + "'");
        }
    }

    /** Indices (into the sorted dims) used this call. */
    private int[] selected() {
        int n = dims.length;
        if (nDimsPerStep < 0 || nDimsPerStep >= n) return InfoNce.arange(n);
        int[] idx = InfoNce.arange(n);
        rng.shuffle(idx);
        int[] s = Arrays.copyOf(idx, nDimsPerStep);
        Arrays.sort(s);
        return s;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Map<String, Tensor> all = in.asMap();
        int full = -1;
        for (var e : all.entrySet()) {
            if (!EMBEDDING_INPUTS.contains(e.getKey())) continue;
            int d = e.getValue().dim(e.getValue().rank() - 1);
            if (full >= 0 && d != full) throw new IllegalArgumentException("L140: embedding inputs have different widths (" + full + " and " + d + ")");
            full = d;
        }
        if (full < 0) throw new IllegalArgumentException("L140: no embedding input among " + EMBEDDING_INPUTS);
        Tensor total = null;
        for (int s : selected()) {
            int d = dims[s];
            if (d > full) throw new IllegalArgumentException("L140: dim " + d + " exceeds the embedding width " + full);
            Map<String, Tensor> cut = new LinkedHashMap<>();
            for (var e : all.entrySet()) {
                Tensor t = e.getValue();
                if (EMBEDDING_INPUTS.contains(e.getKey())) {
                    t = t.slice(t.rank() - 1, 0, d);
                    if (normalize) t = t.normalize(t.rank() - 1);
                }
                cut.put(e.getKey(), t);
            }
            Tensor l = inner.compute(LossInputs.of(cut).withMined(in.mined())).mul(weights[s]);
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    public Loss inner() {
        return inner;
    }

    public int[] dims() {
        return dims.clone();
    }

    @Override
    public List<Tensor> parameters() {
        return inner.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("weights", "1 each", "n_dims_per_step", "-1", "normalize", "true");
    }

    @Override
    public List<Input> inputs() {
        return new ArrayList<>(inner.inputs());
    }
}
