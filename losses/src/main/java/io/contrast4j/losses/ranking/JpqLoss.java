package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.InfoNce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L224 · Joint query encoder + product quantisation (JPQ) — Zhan et al., <i>Jointly Optimizing Query Encoder and
 * Product Quantization to Improve Retrieval Performance</i> (CIKM 2021).
 * Documents carry fixed PQ codes ({@code codes}, B x C x M, I32 in [0, K)) over M sub-spaces with K centroids each; the
 * centroids (M x K x D/M) are a learnable parameter of this loss ({@link #parameters()}, initialise them from the
 * trained index with {@link #setCentroids}). d̂ = concat_m c_{m, code_m(d)}, s = ⟨q, d̂⟩ with {@code anchors} q (B x D);
 * the C candidates of each query (the PQ-index top-k for the current query encoder, mined outside) are ranked by
 * L207 with the ADORE/JPQ ΔMRR weights: L = −mean_{y_i &gt; y_j} |1/r_i − 1/r_j|·log σ(s_i − s_j) (1/r = 0 beyond
 * {@code metric_cut}) with {@code labels} (B x C graded, ≤ −0.5 = padding).
 * Defaults: K = 256, metric_cut 10; M and D required.
 */
public final class JpqLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L224", "Joint query encoder + product quantisation (JPQ)", "ranking", "T2",
            "Zhan et al. 2021, Jointly Optimizing Query Encoder and Product Quantization to Improve Retrieval Performance",
            "s = <q, concat_m c_{m,code_m(d)}>; L = L207 with |delta MRR| weights");
    public static final String CODES = "codes";
    private final int m, k, dim;
    private final Tensor centroids;
    private final LambdaLoss ranker;

    public JpqLoss(int m, int k, int dim, int metricCut, DType dtype, long seed) {
        if (m < 1 || k < 1 || dim < 1 || dim % m != 0) throw new IllegalArgumentException("L224: need subspaces M >= 1, centroids K >= 1 and dim D divisible by M, got M=" + m + ", K=" + k + ", D=" + dim);
        this.m = m;
        this.k = k;
        this.dim = dim;
        this.centroids = Tensor.randn(dtype, new Rng(seed), m, k, dim / m).mul(1 / Math.sqrt(dim)).detach().requiresGrad(true);
        this.ranker = new LambdaLoss(INFO, LambdaLoss.Scheme.MRR, -1, 1, 0, null, metricCut);
    }

    public static JpqLoss fromParams(Params p) {
        p.checkKnown(Set.of("subspaces", "centroids", "dim", "metric_cut", "seed", "dtype"));
        if (!p.has("subspaces") || !p.has("dim")) throw new IllegalArgumentException("L224: parameters 'subspaces' (M) and 'dim' (D) are required");
        return new JpqLoss(p.getInt("subspaces", 0), p.getInt("centroids", 256), p.getInt("dim", 0), p.getInt("metric_cut", 10),
                DType.valueOf(p.getString("dtype", "F32")), p.getInt("seed", 0));
    }

    /** Copies trained PQ centroids (M x K x D/M) into the learnable parameter. */
    public void setCentroids(Tensor c) {
        if (!Shape.same(c.shape(), centroids.shape())) throw new IllegalArgumentException("L224: centroids must be " + Shape.str(centroids.shape()) + ", got " + Shape.str(c.shape()));
        centroids.assign(c.to(centroids.dtype()).detach().host().copy());
    }

    /** Reconstructed documents B x C x D from their codes. */
    public Tensor reconstruct(Tensor codes) {
        int b = codes.dim(0), c = codes.dim(1);
        int[] v = codes.toIntArray();
        int[] flat = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            int sub = i % m;
            if (v[i] < 0 || v[i] >= k) throw new IllegalArgumentException("L224: code " + v[i] + " at flat position " + i + " is outside [0, " + k + ")");
            flat[i] = sub * k + v[i];
        }
        return centroids.reshape(m * k, dim / m).indexSelect(0, flat).reshape(b, c, dim);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor q = in.get(InfoNce.ANCHORS), codes = in.get(CODES);
        if (q.rank() != 2 || q.dim(1) != dim) throw new IllegalArgumentException("L224: anchors must be B x " + dim + ", got " + Shape.str(q.shape()));
        if (codes.rank() != 3 || codes.dim(0) != q.dim(0) || codes.dim(2) != m) throw new IllegalArgumentException("L224: codes must be B x C x M = " + q.dim(0) + " x C x " + m + ", got " + Shape.str(codes.shape()));
        if (q.dtype() != centroids.dtype()) throw new IllegalArgumentException("L224: anchors must be " + centroids.dtype() + " like the centroids (parameter dtype), got " + q.dtype());
        Tensor s = reconstruct(codes).mul(q.unsqueeze(1)).sum(new int[]{2}, false);
        Map<String, Tensor> li = new LinkedHashMap<>();
        li.put(Lists.SCORES, s);
        li.put(Lists.LABELS, in.get(Lists.LABELS));
        if (in.has(Lists.MASK)) li.put(Lists.MASK, in.get(Lists.MASK));
        return ranker.compute(LossInputs.of(li));
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(centroids);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("centroids", "256", "metric_cut", "10", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "query embeddings f(q)"), Input.ints(CODES, "B x C x M", "PQ codes of each query's candidates"),
                Lists.labelsInput(), Lists.maskInput());
    }
}
