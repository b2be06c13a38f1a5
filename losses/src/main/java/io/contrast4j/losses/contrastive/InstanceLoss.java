package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L112 · Instance loss — Zheng et al., <i>Dual-Path Convolutional Image-Text Embeddings with Instance Loss</i>
 * (TOMM 2020); PML {@code InstanceLoss}.
 * Paper form (default): every instance is a class; logits = x·Wᵀ with a classifier W (num_classes x D, learnable,
 * shared across modalities); L = mean_i CE(logits_i, y_i).
 * {@code pml_compat=true}: PML's form, logits = γ·cos(E, E) (N x N) and the target of row i is the index of y_i among
 * the sorted unique labels (PML quirk: meaningful only when labels are 0..N−1, where it is the diagonal).
 * Defaults: γ = 64 (PML form); W initialised N(0, 1/D) from {@code seed} (default 0).
 */
public final class InstanceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L112", "Instance loss", "contrastive", "T1",
            "Zheng et al. 2020, Dual-Path Convolutional Image-Text Embeddings with Instance Loss; PML InstanceLoss",
            "L = mean_i CE(x_i Wᵀ, y_i) (PML form: CE(γ cos(E,E), rank(y_i)))");
    private final Tensor weight;
    private final boolean pmlCompat;
    private final double gamma;

    public InstanceLoss(int numClasses, int dim, long seed, DType dtype) {
        if (numClasses < 1 || dim < 1) throw new IllegalArgumentException("parameters 'num_classes' and 'dim' must be >= 1, got " + numClasses + ", " + dim);
        this.weight = Tensor.randn(dtype, new Rng(seed), numClasses, dim).mul(1 / Math.sqrt(dim)).detach().requiresGrad(true).label("instance_W");
        this.pmlCompat = false;
        this.gamma = Double.NaN;
    }

    public InstanceLoss(double gamma) {
        this.weight = null;
        this.pmlCompat = true;
        this.gamma = gamma;
    }

    public static InstanceLoss fromParams(Params p) {
        p.checkKnown(Set.of("pml_compat", "gamma", "num_classes", "dim", "seed", "dtype"));
        if (p.getBoolean("pml_compat", false)) return new InstanceLoss(p.getPositive("gamma", 64));
        if (!p.has("num_classes") || !p.has("dim")) throw new IllegalArgumentException("L112: parameters 'num_classes' and 'dim' are required (or pml_compat=true)");
        return new InstanceLoss(p.getInt("num_classes", 0), p.getInt("dim", 0), p.getInt("seed", 0), InfoNce.dtype(p));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        if (y.length != e.dim(0)) throw new IllegalArgumentException(INFO.id() + ": " + e.dim(0) + " embeddings but " + y.length + " labels");
        if (pmlCompat) {
            int[] uniq = Arrays.stream(y).distinct().sorted().toArray();
            int[] t = new int[y.length];
            for (int i = 0; i < y.length; i++) t[i] = Arrays.binarySearch(uniq, y[i]);
            Tensor logits = Similarity.COS.matrix(e, e).mul(gamma);
            return InfoNce.ce(logits, t).mean();
        }
        if (e.dim(1) != weight.dim(1)) throw new IllegalArgumentException(INFO.id() + ": embeddings have D=" + e.dim(1) + " but the classifier expects " + weight.dim(1));
        for (int v : y) if (v < 0 || v >= weight.dim(0)) throw new IllegalArgumentException(INFO.id() + ": label " + v + " outside [0, " + weight.dim(0) + ")");
        Tensor w = weight.dtype() == e.dtype() ? weight : weight.to(e.dtype());
        return InfoNce.ce(e.matmul(w, false, true), y).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return weight == null ? List.of() : List.of(weight);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pml_compat", "false", "gamma", "64", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings (both modalities stacked)"),
                Input.ints(LossInputs.LABELS, "N", "instance ids"));
    }
}
