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
 * L054 · Prototype contrastive loss — HYPO: Bai et al., <i>HYPO: Hyperspherical Out-of-Distribution Generalization</i>
 * (ICLR 2024); ProtoNCE term of <i>Heterogeneous Graph Contrastive Learning with Meta-path Contexts and Adaptively
 * Weighted Negative Samples</i> (MEOW).
 * L = −(1/N) Σ_i log[e^{z_iᵀμ_{y_i}/τ} / Σ_j e^{z_iᵀμ_j/τ}] + w·(1/C) Σ_c log[(1/(C−1)) Σ_{j≠c} e^{μ_cᵀμ_j/τ}],
 * z = x̂; prototypes μ_c ← normalize(αμ_c + (1 − α)z) per sample (EMA, no gradient), applied before the loss as in
 * HYPO's code when {@code update=true}. The prototypes are stop-gradient state, so the separation term is a
 * constant of the batch (it is reported, not trained). ProtoNCE: pass k-means cluster ids as {@code labels}.
 * Defaults: temperature τ = 0.1, proto_m α = 0.95, dispersion_weight w = 1, update = true; prototypes start as
 * normalised N(0, 1) rows. No learnable parameters. Explicit state update: {@link #updatePrototypes}.
 * Formula not verified against the paper: follows CATALOG.md ([K]; the HYPO code scales both terms by τ/τ_base and
 * lets the dispersion term see the in-batch EMA; this implementation keeps the catalog's sg reading).
 */
public final class PrototypeContrastiveLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L054", "Prototype contrastive loss (HYPO; ProtoNCE term)", "metric-learning", "T2",
            "Bai et al. 2024, HYPO: Hyperspherical Out-of-Distribution Generalization; ProtoNCE term of MEOW (heterogeneous graph contrastive learning)",
            "−mean_i log softmax_j(z_iᵀμ_j/τ)[y_i] + w·mean_c log mean_{j≠c} e^{μ_cᵀμ_j/τ}; μ EMA (sg)");
    private final double temperature, protoM, dispersionWeight;
    private final boolean update;
    private Tensor prototypes;

    public PrototypeContrastiveLoss(int numClasses, int embeddingSize, double temperature, double protoM, double dispersionWeight, boolean update, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + temperature);
        if (!(protoM >= 0 && protoM <= 1)) throw new IllegalArgumentException("parameter 'proto_m' must be in [0, 1], got " + protoM);
        this.temperature = temperature;
        this.protoM = protoM;
        this.dispersionWeight = dispersionWeight;
        this.update = update;
        this.prototypes = Tensor.randn(dtype, new Rng(seed), numClasses, embeddingSize).normalize(1).detach();
    }

    public static PrototypeContrastiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "temperature", "proto_m", "dispersion_weight", "update", "dtype", "seed"));
        return new PrototypeContrastiveLoss(ProxyOps.requiredInt(p, "num_classes", "L054"), ProxyOps.requiredInt(p, "embedding_size", "L054"),
                p.getPositive("temperature", 0.1), p.getDouble("proto_m", 0.95), p.getDouble("dispersion_weight", 1), p.getBoolean("update", true),
                ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    /** Current prototypes (C x D, unit rows; a detached copy). */
    public Tensor prototypes() {
        return prototypes.detach();
    }

    /** Sets the prototypes (rows are normalised). */
    public void setPrototypes(Tensor p) {
        if (p.rank() != 2 || p.dim(0) != numClasses || p.dim(1) != embeddingSize) throw new IllegalArgumentException("L054: prototypes must be " + numClasses + " x " + embeddingSize);
        prototypes = p.detach().to(dtype).normalize(1).detach();
    }

    /** HYPO's EMA: for each sample in order, μ_y ← normalize(αμ_y + (1 − α)ẑ). No gradient. */
    public void updatePrototypes(Tensor embeddings, int[] labels) {
        double[] z = embeddings.detach().normalize(1).toDoubleArray();
        double[] mu = prototypes.toDoubleArray();
        int d = embeddingSize;
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                mu[c * d + j] = protoM * mu[c * d + j] + (1 - protoM) * z[i * d + j];
                norm += mu[c * d + j] * mu[c * d + j];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int j = 0; j < d; j++) mu[c * d + j] /= norm;
        }
        prototypes = Tensor.of(mu, numClasses, d).to(dtype);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        if (update) updatePrototypes(b.embeddings(), b.labels());
        Tensor logits = b.embeddings().normalize(1).matmul(prototypes, false, true).div(temperature);
        Tensor comp = weightedMean(ProxyOps.crossEntropyRows(logits, b.labels()), b.minerWeights());
        if (numClasses < 2 || dispersionWeight == 0) return comp;
        return comp.add(dispersion() * dispersionWeight);
    }

    /** (1/C) Σ_c log[(1/(C−1)) Σ_{j≠c} e^{μ_cᵀμ_j/τ}] of the current prototypes. */
    public double dispersion() {
        double[] mu = prototypes.toDoubleArray();
        int c = numClasses, d = embeddingSize;
        double total = 0;
        for (int i = 0; i < c; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] l = new double[c];
            for (int j = 0; j < c; j++) {
                if (j == i) continue;
                double s = 0;
                for (int t = 0; t < d; t++) s += mu[i * d + t] * mu[j * d + t];
                l[j] = s / temperature;
                max = Math.max(max, l[j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) if (j != i) sum += Math.exp(l[j] - max);
            total += max + Math.log(sum / (c - 1));
        }
        return total / c;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "proto_m", "0.95", "dispersion_weight", "1", "update", "true", "dtype", "F32", "seed", "0");
    }
}
