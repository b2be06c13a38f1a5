package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L041 · ProxyNCA loss — Movshovitz-Attias et al., <i>No Fuss Distance Metric Learning using Proxies</i> (ICCV 2017);
 * PML {@code ProxyNCALoss}.
 * L040 with the reference set = C learnable proxies (labels 0..C−1): ℓ_i = −log softmax_c(scale·(−d(x̂_i, p̂_c)²))[y_i];
 * R01 over elements.
 * Defaults: scale = 1 (MLRC CUB 13.98), D01 power 2 on normalised vectors; proxies ~ N(0, 1) (PML).
 * Proxy LR: own param group (O01); MLRC uses ≈ 6e-3 for proxies, i.e. ≈ 100× the backbone's 1e-5–1e-4.
 */
public final class ProxyNCALoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L041", "ProxyNCA loss", "metric-learning", "T1",
            "Movshovitz-Attias et al. 2017, No Fuss Distance Metric Learning using Proxies; PML ProxyNCALoss",
            "ℓ_i = −log softmax_c(scale·(−d(x_i, p_c)²))[y_i]");
    private final double scale;
    private final Tensor proxies;
    private final LpDistance distance = new LpDistance(2, true, 2);
    private final int[] proxyLabels;

    public ProxyNCALoss(int numClasses, int embeddingSize, double scale, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.scale = scale;
        this.proxies = ProxyOps.learnable(ProxyOps.normal(dtype, new Rng(seed), 1.0, numClasses, embeddingSize));
        this.proxyLabels = new int[numClasses];
        for (int c = 0; c < numClasses; c++) proxyLabels[c] = c;
    }

    public static ProxyNCALoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "scale", "dtype", "seed"));
        return new ProxyNCALoss(ProxyOps.requiredInt(p, "num_classes", "L041"), ProxyOps.requiredInt(p, "embedding_size", "L041"),
                p.getPositive("scale", 1), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor proxies() {
        return proxies;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        LossTerms t = NCALoss.ncaTerms(distance, scale, b.embeddings(), proxies, b.labels(), proxyLabels, false, b.minerWeights());
        return new MeanReducer().reduce(Map.of("loss", t), b.embeddings(), b.labels());
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(proxies);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("scale", "1", "dtype", "F32", "seed", "0");
    }
}
