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
 * L141 · Adaptive-layer loss — ST {@code AdaptiveLayerLoss} (2DMSE line of work); and L142 · 2D Matryoshka loss —
 * Li et al., <i>2D Matryoshka Sentence Embeddings</i>; ST {@code Matryoshka2dLoss} = this wrapper around L140.
 * Every embedding input X of the inner loss (anchors, positives, negatives, embeddings, ref_embeddings) is given as
 * {@code layer_X}: the pooled outputs of all L layers stacked on a leading axis (L x ...), the last being the final
 * output. With e_l the layer-l embeddings (l = 0..L−1, 0-based):
 * L = w_last·L_inner(e_{L−1}) + Σ_{l∈S} [L_inner(e_l)/(1 + l)/|S|·w_prior + w_kl·T·KL(softmax(e_{L−1}/T) ‖ softmax(e_l/T))],
 * S = the earlier layers, or a seeded random subset of {@code n_layers_per_step} of them per call; the KL is over
 * all rows of all embedding inputs, batchmean, and the gradient flows into both sides. The encoder runs once; the
 * wrapper only picks layers.
 * Defaults: n_layers_per_step 1, w_last 1, w_prior 1, w_kl 1, T 0.3. L142 adds the inner L140 with dims and
 * n_dims_per_step 1.
 */
public final class AdaptiveLayerLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L141", "Adaptive-layer loss", "contrastive", "T1",
            "ST AdaptiveLayerLoss (2DMSE line of work)",
            "w_last L(final) + Σ_l [L(layer l)/(1+l)/n·w_prior + w_kl T KL(softmax(e_L/T) ‖ softmax(e_l/T))]");
    public static final CatalogInfo INFO_2D = new CatalogInfo("L142", "2D Matryoshka loss", "contrastive", "T1",
            "Li et al. 2024, 2D Matryoshka Sentence Embeddings; ST Matryoshka2dLoss",
            "L141 wrapping L140 (layer x dimension)");
    public static final String PREFIX = "layer_";
    private final CatalogInfo info;
    private final Loss inner;
    private final int nLayersPerStep;
    private final double wLast, wPrior, wKl, temperature;
    private final Rng rng;

    public AdaptiveLayerLoss(CatalogInfo info, Loss inner, int nLayersPerStep, double wLast, double wPrior, double wKl, double temperature, long seed) {
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'kl_temperature' must be > 0, got " + temperature);
        this.info = info;
        this.inner = inner;
        this.nLayersPerStep = nLayersPerStep;
        this.wLast = wLast;
        this.wPrior = wPrior;
        this.wKl = wKl;
        this.temperature = temperature;
        this.rng = new Rng(seed);
    }

    private static final Set<String> OWN = Set.of("n_layers_per_step", "last_layer_weight", "prior_layers_weight", "kl_div_weight", "kl_temperature", "seed");

    /** L141 parameters: {@code inner} (default L101), {@code inner.*}, and the weights above. */
    public static AdaptiveLayerLoss fromParams(Params p) {
        Map<String, Object> innerParams = innerParams(p, Set.of("inner"));
        Loss in = LossRegistry.find(p.getString("inner", "L101")).factory().apply(Params.of(innerParams));
        return build(INFO, in, p);
    }

    /** L142 parameters: {@code inner}, {@code dims}, {@code matryoshka_weights}, {@code n_dims_per_step} (default 1), plus L141's. */
    public static AdaptiveLayerLoss matryoshka2dFromParams(Params p) {
        Map<String, Object> innerParams = innerParams(p, Set.of("inner", "dims", "matryoshka_weights", "n_dims_per_step"));
        if (!p.has("dims")) throw new IllegalArgumentException("L142: parameter 'dims' is required, e.g. dims=768,512,256");
        Map<String, Object> mp = new LinkedHashMap<>();
        mp.put("inner", p.getString("inner", "L101"));
        mp.put("dims", p.getString("dims", ""));
        mp.put("n_dims_per_step", p.getString("n_dims_per_step", "1"));
        if (p.has("matryoshka_weights")) mp.put("weights", p.getString("matryoshka_weights", ""));
        if (p.has("seed")) mp.put("seed", p.getString("seed", "0"));
        innerParams.forEach((k, v) -> mp.put(k.equals("dtype") ? k : "inner." + k, v));
        return build(INFO_2D, MatryoshkaLoss.fromParams(Params.of(mp)), p);
    }

    private static Map<String, Object> innerParams(Params p, Set<String> extra) {
        Map<String, Object> innerParams = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("inner.")) innerParams.put(e.getKey().substring(6), e.getValue());
            else if (!OWN.contains(e.getKey()) && !extra.contains(e.getKey()) && !e.getKey().equals("dtype")) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: inner.*, " + String.join(", ", extra) + ", " + String.join(", ", OWN) + ")");
            }
        }
        if (p.has("dtype")) innerParams.putIfAbsent("dtype", p.getString("dtype", "F32"));
        return innerParams;
    }

    private static AdaptiveLayerLoss build(CatalogInfo info, Loss inner, Params p) {
        return new AdaptiveLayerLoss(info, inner, p.getInt("n_layers_per_step", 1), p.getDouble("last_layer_weight", 1),
                p.getDouble("prior_layers_weight", 1), p.getDouble("kl_div_weight", 1), p.getDouble("kl_temperature", 0.3), p.getInt("seed", 0));
    }

    private int[] sampled(int earlier) {
        int[] idx = InfoNce.arange(earlier);
        if (nLayersPerStep < 0 || nLayersPerStep >= earlier) return idx;
        rng.shuffle(idx);
        int[] s = Arrays.copyOf(idx, nLayersPerStep);
        Arrays.sort(s);
        return s;
    }

    /** The inner inputs with every layer_X replaced by X = its layer {@code l}. */
    private static Map<String, Tensor> atLayer(Map<String, Tensor> all, int l) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (var e : all.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                Tensor t = e.getValue();
                int[] rest = Arrays.copyOfRange(t.shape(), 1, t.rank());
                m.put(e.getKey().substring(PREFIX.length()), t.slice(0, l, l + 1).reshape(rest));
            } else {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** All rows of all embedding inputs at one layer, as (rows x D). */
    private static Tensor rows(Map<String, Tensor> layer, List<String> names) {
        List<Tensor> parts = new ArrayList<>();
        for (String n : names) {
            Tensor t = layer.get(n);
            parts.add(t.reshape(-1, t.dim(t.rank() - 1)));
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Map<String, Tensor> all = in.asMap();
        List<String> layered = new ArrayList<>();
        int layers = -1;
        for (var e : all.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(PREFIX)) {
                if (MatryoshkaLoss.EMBEDDING_INPUTS.contains(k)) throw new IllegalArgumentException(info.id() + ": give '" + PREFIX + k + "' (L x ...) instead of '" + k + "'");
                continue;
            }
            String base = k.substring(PREFIX.length());
            if (!MatryoshkaLoss.EMBEDDING_INPUTS.contains(base)) throw new IllegalArgumentException(info.id() + ": unknown layered input '" + k + "'");
            int l = e.getValue().dim(0);
            if (layers >= 0 && l != layers) throw new IllegalArgumentException(info.id() + ": layered inputs have different layer counts (" + layers + " and " + l + ")");
            layers = l;
            layered.add(base);
        }
        if (layers < 1) throw new IllegalArgumentException(info.id() + ": no layered embedding input (layer_embeddings, layer_anchors, ...)");
        Map<String, Tensor> fin = atLayer(all, layers - 1);
        Tensor loss = inner.compute(LossInputs.of(fin).withMined(in.mined())).mul(wLast);
        int[] s = sampled(layers - 1);
        if (s.length == 0) return loss;
        Tensor pFinal = rows(fin, layered).div(temperature).logSoftmax(1);
        for (int l : s) {
            Map<String, Tensor> at = atLayer(all, l);
            Tensor li = inner.compute(LossInputs.of(at).withMined(in.mined()));
            loss = loss.add(li.mul(wPrior / (1.0 + l) / s.length));
            Tensor pl = rows(at, layered).div(temperature).logSoftmax(1);
            Tensor kl = pFinal.exp().mul(pFinal.sub(pl)).sum().div(pl.dim(0));
            loss = loss.add(kl.mul(wKl * temperature));
        }
        return loss;
    }

    public Loss inner() {
        return inner;
    }

    @Override
    public List<Tensor> parameters() {
        return inner.parameters();
    }

    @Override
    public CatalogInfo info() {
        return info;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("n_layers_per_step", "1", "last_layer_weight", "1", "prior_layers_weight", "1", "kl_div_weight", "1", "kl_temperature", "0.3");
    }

    @Override
    public List<Input> inputs() {
        List<Input> out = new ArrayList<>();
        for (Input i : inner.inputs()) {
            if (MatryoshkaLoss.EMBEDDING_INPUTS.contains(i.name())) {
                out.add(new Input(PREFIX + i.name(), i.type(), "L x " + i.shape(), i.optional(), i.doc() + ", per layer (last = final)"));
            } else {
                out.add(i);
            }
        }
        return out;
    }
}
