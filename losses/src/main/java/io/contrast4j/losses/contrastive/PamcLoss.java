package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricOps;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L122 · Proxy-approximated meta-node contrastive loss (PamC) — Kulatilleke, Portmann, Chandra, <i>Efficient block
 * contrastive learning via parameter-free meta-node approximation</i> (2022).
 * Inputs: node embeddings Z ({@code embeddings}, n x d), the graph's positive weights A ({@code adjacency}, n x n,
 * e.g. the r-hop adjacency) and each node's cluster id ({@code clusters}, n; the argmax of the model's soft
 * assignment q, constant). Meta-nodes M_a = Σ_{i∈a} z_i (the k clusters present); with ĉos the cosine matrix with
 * its diagonal set to 0:
 * L = −mean_i log(Σ_j A_ij e^{τ·ĉos(z_i,z_j)} + 1e-10) + mean_a log(Σ_b e^{τ·ĉos(M_a,M_b)} + 1e-10),
 * so the negatives cost O(k²d + nd) instead of O(n²d).
 * Verified against the official code gayanku/PAMC {@code train.py} ({@code NcontrastCC}, {@code get_feature_dis},
 * meta-nodes {@code cc} from {@code q.detach().argmax(1)}); the catalog's soft-assignment reading (C = softmax(Z W_c))
 * is not what the code does, so the code's hard assignment is used. τ multiplies the cosine, as in the code.
 * Default τ = 1 (the function default).
 */
public final class PamcLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L122", "Proxy-approximated meta-node contrastive loss (PamC)", "contrastive", "T2",
            "Kulatilleke et al. 2022, Efficient block contrastive learning via parameter-free meta-node approximation; gayanku/PAMC NcontrastCC",
            "−mean_i log Σ_j A_ij e^{τ cos(z_i,z_j)} + mean_a log Σ_b e^{τ cos(M_a,M_b)}, M_a = Σ_{i∈a} z_i, cos diagonal = 0");
    public static final String ADJACENCY = "adjacency";
    public static final String CLUSTERS = "clusters";
    private final double tau;

    public PamcLoss(double tau) {
        this.tau = tau;
    }

    public static PamcLoss fromParams(Params p) {
        p.checkKnown(Set.of("tau", "dtype"));
        return new PamcLoss(p.getDouble("tau", 1));
    }

    /** Cosine matrix of the rows with a zero diagonal (Graph-MLP {@code get_feature_dis}). */
    static Tensor offDiagonalCos(Tensor x) {
        int n = x.dim(0);
        double[] off = new double[n * n];
        Arrays.fill(off, 1);
        for (int i = 0; i < n; i++) off[i * n + i] = 0;
        Tensor xn = x.normalize(1);
        return xn.matmul(xn, false, true).mul(MetricOps.constant(off, x.dtype(), n, n));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = in.embeddings(), a = in.get(ADJACENCY);
        int[] c = in.get(CLUSTERS).toIntArray();
        int n = z.dim(0);
        if (a.dim(0) != n || a.dim(1) != n) throw new IllegalArgumentException(INFO.id() + ": adjacency must be " + n + " x " + n + ", got " + Arrays.toString(a.shape()));
        if (c.length != n) throw new IllegalArgumentException(INFO.id() + ": " + n + " embeddings but " + c.length + " cluster ids");
        int[] present = Arrays.stream(c).distinct().sorted().toArray();
        int k = present.length;
        double[] sel = new double[k * n];
        for (int i = 0; i < n; i++) sel[Arrays.binarySearch(present, c[i]) * n + i] = 1;
        Tensor meta = MetricOps.constant(sel, z.dtype(), k, n).matmul(z);
        Tensor pos = offDiagonalCos(z).mul(tau).exp().mul(a.to(z.dtype())).sum(new int[]{1}, false).add(1e-10).log().mean();
        Tensor neg = offDiagonalCos(meta).mul(tau).exp().sum(new int[]{1}, false).add(1e-10).log().mean();
        return neg.sub(pos);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("tau", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "n x d", "node embeddings"),
                Input.floats(ADJACENCY, "n x n", "positive weights (e.g. r-hop adjacency, constant)"),
                Input.ints(CLUSTERS, "n", "cluster id per node (argmax of the soft assignment)"));
    }
}
