package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.ExcludeFilter;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import io.contrast4j.samplers.index.TopK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S304 · SMOTE (Chawla et al. 2002, <i>SMOTE: Synthetic Minority Over-sampling Technique</i>), in embedding space:
 * x_new = x_i + u·(x_nn − x_i), u ~ U(0,1), x_i a random member of the class and x_nn random among its k nearest
 * same-class neighbours (Euclidean, exact {@link KnnIndex}). Synthetic rows are on the tape (differentiable in x).
 * Classes with fewer than 2 members get none. Default k = 5. (Majority under-sampling is a sampler concern.)
 */
public final class Smote implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S304", "SMOTE (synthetic minority samples)", "mixing", "T2",
            "Chawla et al. 2002, SMOTE: Synthetic Minority Over-sampling Technique",
            "x_new = x_i + u(x_nn − x_i), u~U(0,1), x_nn among the k nearest same-class neighbours");

    /** Frozen choices: base row, neighbour row, u, and the synthetic sample's label. */
    public record Plan(int[] base, int[] neighbour, double[] u, int[] labels) {
    }

    private final int k;

    public Smote(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        this.k = k;
    }

    public Smote() {
        this(5);
    }

    /** Plans {@code perClass} synthetic samples for every class in {@code classes} (e.g. the minority classes). */
    public Plan plan(Tensor x, int[] labels, int[] classes, int perClass, Rng rng) {
        if (x.rank() != 2 || x.dim(0) != labels.length) throw new IllegalArgumentException("S304: x must be N x D with N = labels.length");
        if (perClass < 0) throw new IllegalArgumentException("parameter 'per_class' must be >= 0, got " + perClass);
        float[] all;
        try (var g = Grad.off()) {
            all = x.detach().toFloatArray();
        }
        int d = x.dim(1);
        List<Integer> b = new ArrayList<>(), nb = new ArrayList<>(), lab = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        for (int c : classes) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) if (labels[i] == c) members.add(i);
            if (members.size() < 2) continue;
            float[][] rows = new float[members.size()][];
            for (int i = 0; i < rows.length; i++) rows[i] = java.util.Arrays.copyOfRange(all, members.get(i) * d, (members.get(i) + 1) * d);
            TopK nn = KnnIndex.of(rows, Metric.L2).searchCorpus(Math.min(k, rows.length - 1), ExcludeFilter.self());
            for (int t = 0; t < perClass; t++) {
                int i = rng.nextInt(rows.length);
                int[] cand = nn.ids()[i];
                b.add(members.get(i));
                nb.add(members.get(cand[rng.nextInt(cand.length)]));
                us.add(rng.nextDouble());
                lab.add(c);
            }
        }
        return new Plan(b.stream().mapToInt(Integer::intValue).toArray(), nb.stream().mapToInt(Integer::intValue).toArray(),
                us.stream().mapToDouble(Double::doubleValue).toArray(), lab.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Synthetic rows M x D: x[b] + u(x[nn] − x[b]); differentiable in x. */
    public static Tensor apply(Tensor x, Plan p) {
        int m = p.base().length;
        if (m == 0) return Tensor.zeros(x.dtype(), 0, x.dim(1));
        Tensor u = Tensor.of(p.u(), m, 1).to(x.dtype());
        Tensor xb = x.indexSelect(0, p.base());
        return xb.add(x.indexSelect(0, p.neighbour()).sub(xb).mul(u));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k", String.valueOf(k));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("embeddings", "N x D", "embeddings"), Input.ints("labels", "N", "class labels"));
    }
}
