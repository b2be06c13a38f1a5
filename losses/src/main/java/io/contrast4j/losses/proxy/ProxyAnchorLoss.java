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
 * L042 · Proxy-Anchor loss — Kim et al., <i>Proxy Anchor Loss for Deep Metric Learning</i> (CVPR 2020);
 * PML {@code ProxyAnchorLoss}.
 * s(x, p) cosine; L = (1/|P⁺|) Σ_{p∈P⁺} log(1 + Σ_{x∈X_p⁺} e^{−α(s(x,p) − δ) + w_x − 1})
 * + (1/C) Σ_p log(1 + Σ_{x∈X_p⁻} e^{α(s(x,p) + δ) + w_x − 1}); P⁺ = proxies with a positive in the batch; w_x the PML
 * miner weights (1 without a miner). Proxies ~ Kaiming-normal (fan_out), as PML.
 * Defaults: α = 32, δ (margin) = 0.1. Proxy LR: own param group (O01); the paper uses 100× the backbone LR.
 */
public final class ProxyAnchorLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L042", "Proxy-Anchor loss", "metric-learning", "T1",
            "Kim et al. 2020, Proxy Anchor Loss for Deep Metric Learning; PML ProxyAnchorLoss",
            "(1/|P+|) Σ_p log(1 + Σ_{x∈X_p+} e^{−α(s−δ)}) + (1/C) Σ_p log(1 + Σ_{x∈X_p−} e^{α(s+δ)})");
    private final double alpha, margin;
    private final Tensor proxies;

    public ProxyAnchorLoss(int numClasses, int embeddingSize, double margin, double alpha, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(alpha > 0)) throw new IllegalArgumentException("parameter 'alpha' must be > 0, got " + alpha);
        this.alpha = alpha;
        this.margin = margin;
        this.proxies = ProxyOps.learnable(ProxyOps.kaimingNormalFanOut(dtype, new Rng(seed), numClasses, embeddingSize));
    }

    public static ProxyAnchorLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "margin", "alpha", "dtype", "seed"));
        return new ProxyAnchorLoss(ProxyOps.requiredInt(p, "num_classes", "L042"), ProxyOps.requiredInt(p, "embedding_size", "L042"),
                p.getDouble("margin", 0.1), p.getPositive("alpha", 32), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor proxies() {
        return proxies;
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        int n = b.size();
        Tensor cos = b.embeddings().normalize(1).matmul(proxies.normalize(1), false, true); // N x C
        boolean[] pos = new boolean[n * numClasses], neg = new boolean[n * numClasses];
        int withPos = 0;
        boolean[] has = new boolean[numClasses];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < numClasses; c++) {
                pos[i * numClasses + c] = b.labels()[i] == c;
                neg[i * numClasses + c] = b.labels()[i] != c;
            }
            if (!has[b.labels()[i]]) {
                has[b.labels()[i]] = true;
                withPos++;
            }
        }
        Tensor posExp = cos.neg().add(margin).mul(alpha);  // α·margin(cos, δ) = α(δ − s)
        Tensor negExp = cos.add(margin).mul(alpha);        // α·margin(−δ, s) = α(s + δ)
        if (!ProxyOps.allOnes(b.minerWeights())) {
            double[] w = b.minerWeights().clone();
            for (int i = 0; i < n; i++) w[i] -= 1;
            Tensor wm1 = Tensor.of(w, n, 1).to(cos.dtype());
            posExp = posExp.add(wm1);
            negExp = negExp.add(wm1);
        }
        Tensor posTerm = ProxyOps.logOnePlusSumExp(posExp, ProxyOps.mask(pos, cos.dtype(), n, numClasses), 0);
        Tensor negTerm = ProxyOps.logOnePlusSumExp(negExp, ProxyOps.mask(neg, cos.dtype(), n, numClasses), 0);
        return posTerm.sum().div(withPos).add(negTerm.sum().div(numClasses));
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
        return Map.of("margin", "0.1", "alpha", "32", "dtype", "F32", "seed", "0");
    }
}
