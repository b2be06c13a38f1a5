package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S421 · Cluster-based and learned negative weights, MEOW / AdaMEOW (Yu et al. 2023/2024, <i>Heterogeneous Graph
 * Contrastive Learning with Meta-path Contexts and (Adaptively) Weighted Negative Samples</i>). Checked against the
 * official code (jianxiangyu/MEOW: {@code code_meow/module/contrast.py InfoNce}, {@code code_adameow/module/adameow.py
 * weight_InfoNce}). MEOW: with K k-means clusterings c_k (different cluster counts), w_ij = K − Σ_k 1[c_k(i) = c_k(j)]
 * (negatives in the same clusters count less; w_ii = 0) and {@link #weightedInfoNce}
 * L = −mean_i log(e^{s_ii/τ} / Σ_j w_ij e^{s_ij/τ}), s = anchor·zᵀ (inputs already normalised). AdaMEOW: learned
 * w_ij = σ(W₂ tanh(W₁(z_i + z_j) + b₁) + b₂) (hidden 16; the official code adds the two embeddings), used the same way
 * (the diagonal keeps its learned weight). Default τ = 0.5 (a per-data-set hyper-parameter in the official configs).
 */
public final class MeowNegativeWeights implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S421", "Cluster-based and learned negative weights (MEOW / AdaMEOW)", "reweighting", "T2",
            "Yu et al. 2023/2024, Heterogeneous Graph Contrastive Learning with Meta-path Contexts and (Adaptively) Weighted Negative Samples",
            "MEOW w_ij = K − Σ_k 1[c_k(i)=c_k(j)]; AdaMEOW w_ij = σ(MLP(z_i + z_j)); L = −mean log e^{s_ii/τ}/Σ_j w_ij e^{s_ij/τ}");
    private final double tau;

    public MeowNegativeWeights(double tau) {
        this.tau = Quotas.positive("S421", "tau", tau);
    }

    public MeowNegativeWeights() {
        this(0.5);
    }

    /** MEOW weights N x N from K clusterings clusterings[k][i]. */
    public static Tensor clusterWeights(int[][] clusterings, DType dtype) {
        if (clusterings == null || clusterings.length == 0) throw new IllegalArgumentException("S421: clusterings must hold at least one clustering");
        int n = clusterings[0].length, k = clusterings.length;
        double[] w = new double[n * n];
        java.util.Arrays.fill(w, k);
        for (int[] c : clusterings) {
            if (c.length != n) throw new IllegalArgumentException("S421: every clustering must assign " + n + " samples, got " + c.length);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (c[i] == c[j]) w[i * n + j] -= 1;
        }
        return Tensor.of(w, n, n).to(dtype);
    }

    /** −mean_i log(e^{s_ii/τ} / Σ_j w_ij e^{s_ij/τ}) with s = anchors·zᵀ; w is N x N (constant or on the tape). */
    public Tensor weightedInfoNce(Tensor anchors, Tensor z, Tensor w) {
        if (anchors.rank() != 2 || !java.util.Arrays.equals(anchors.shape(), z.shape())) {
            throw new IllegalArgumentException("S421: anchors and z must both be N x D, got " + java.util.Arrays.toString(anchors.shape()) + " and " + java.util.Arrays.toString(z.shape()));
        }
        int n = anchors.dim(0);
        if (w.rank() != 2 || w.dim(0) != n || w.dim(1) != n) throw new IllegalArgumentException("S421: weights must be " + n + " x " + n);
        Tensor logits = anchors.matmul(z, false, true).div(tau);
        int[] diag = new int[n];
        for (int i = 0; i < n; i++) diag[i] = i;
        Tensor pos = logits.gather(1, Tensor.ofInts(diag, n, 1)).reshape(n);
        Tensor m = logits.detach().max(new int[]{1}, true);
        Tensor den = logits.sub(m).exp().mul(w).sum(1).log().add(m.reshape(n));
        return den.sub(pos).mean();
    }

    /** AdaMEOW weight network σ(W₂ tanh(W₁ x + b₁) + b₂) on x = z_i + z_j. */
    public static final class WeightNet {
        private final Tensor w1, b1, w2, b2;

        public WeightNet(int dim, int hidden, DType dtype, Rng rng) {
            if (dim < 1) throw new IllegalArgumentException("S421: parameter 'dim' must be >= 1, got " + dim);
            if (hidden < 1) throw new IllegalArgumentException("S421: parameter 'hidden' must be >= 1, got " + hidden);
            w1 = Tensor.randn(dtype, rng, dim, hidden).mul(1 / Math.sqrt(dim)).detach().requiresGrad(true);
            b1 = Tensor.zeros(dtype, hidden).requiresGrad(true);
            w2 = Tensor.randn(dtype, rng, hidden, 1).mul(1 / Math.sqrt(hidden)).detach().requiresGrad(true);
            b2 = Tensor.zeros(dtype, 1).requiresGrad(true);
        }

        public List<Tensor> parameters() {
            return List.of(w1, b1, w2, b2);
        }

        /** Weights N x N for anchors and z (N x D), on the tape. */
        public Tensor weights(Tensor anchors, Tensor z) {
            int n = anchors.dim(0), d = anchors.dim(1);
            if (d != w1.dim(0)) throw new IllegalArgumentException("S421: embeddings must have dimension " + w1.dim(0) + ", got " + d);
            Tensor x = anchors.reshape(n, 1, d).add(z.reshape(1, n, d)).reshape(n * n, d);
            return x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid().reshape(n, n);
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("tau", String.valueOf(tau), "hidden", "16");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("anchors", "N x D", "normalised anchor embeddings"), Input.floats("z", "N x D", "normalised second-view embeddings"),
                Input.ints("clusterings", "K x N", "k-means assignments (MEOW)").asOptional());
    }
}
