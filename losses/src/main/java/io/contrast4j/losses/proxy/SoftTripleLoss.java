package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L043 · SoftTriple loss — Qian et al., <i>SoftTriple Loss: Deep Metric Learning Without Triplet Sampling</i>
 * (ICCV 2019); PML {@code SoftTripleLoss}.
 * s_ck = cos(x, w_ck); S_c = Σ_k softmax_k(s_ck/γ)·s_ck; ℓ = CE(λ(S − δ·onehot_y), y); mean (miner-weighted).
 * Centres: C·K rows (row c·K + k), initialised kaiming_uniform(a = √5) with fan_in = C·K as PML's
 * {@code embedding_size x C·K} parameter. Its centre regulariser is L064 (attach with {@code WithRegularizer}).
 * Defaults: centers_per_class K = 10, la λ = 20, gamma γ = 0.1, margin δ = 0.01.
 * Centre LR: own param group (O01); the paper trains centres at a higher LR than the backbone (≈ 100×).
 */
public final class SoftTripleLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L043", "SoftTriple loss", "metric-learning", "T1",
            "Qian et al. 2019, SoftTriple Loss: Deep Metric Learning Without Triplet Sampling; PML SoftTripleLoss",
            "S_c = Σ_k softmax_k(s_ck/γ)·s_ck; ℓ = CE(λ(S − δ·onehot_y), y)");
    private final int centersPerClass;
    private final double la, gamma, margin;
    private final Tensor centers;

    public SoftTripleLoss(int numClasses, int embeddingSize, int centersPerClass, double la, double gamma, double margin, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (centersPerClass < 1) throw new IllegalArgumentException("parameter 'centers_per_class' must be >= 1, got " + centersPerClass);
        if (!(la > 0) || !(gamma > 0)) throw new IllegalArgumentException("parameters 'la' and 'gamma' must be > 0, got la=" + la + ", gamma=" + gamma);
        this.centersPerClass = centersPerClass;
        this.la = la;
        this.gamma = gamma;
        this.margin = margin;
        int rows = numClasses * centersPerClass;
        this.centers = ProxyOps.learnable(ProxyOps.kaimingUniform(dtype, new Rng(seed), Math.sqrt(5), rows, rows, embeddingSize));
    }

    public static SoftTripleLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "centers_per_class", "la", "gamma", "margin", "dtype", "seed"));
        return new SoftTripleLoss(ProxyOps.requiredInt(p, "num_classes", "L043"), ProxyOps.requiredInt(p, "embedding_size", "L043"),
                ProxyOps.positiveInt(p, "centers_per_class", 10), p.getPositive("la", 20), p.getPositive("gamma", 0.1), p.getDouble("margin", 0.01),
                ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    /** The C·K x D centre matrix (row c·K + k is centre k of class c). */
    public Tensor centers() {
        return centers;
    }

    public int centersPerClass() {
        return centersPerClass;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        int n = b.size();
        Tensor sim = b.embeddings().normalize(1).matmul(centers.normalize(1), false, true).reshape(n, numClasses, centersPerClass);
        Tensor prob = sim.mul(1 / gamma).softmax(2);
        Tensor simToClasses = prob.mul(sim).sum(new int[]{2}, false);
        Tensor logits = simToClasses.sub(ProxyOps.oneHot(b.labels(), numClasses, sim.dtype()).mul(margin)).mul(la);
        return weightedMean(ProxyOps.crossEntropyRows(logits, b.labels()), b.minerWeights());
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(centers);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("centers_per_class", "10", "la", "20", "gamma", "0.1", "margin", "0.01", "dtype", "F32", "seed", "0");
    }
}
