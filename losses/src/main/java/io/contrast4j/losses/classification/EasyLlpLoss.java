package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L328 · Learning from label proportions (EasyLLP) — Busa-Fekete et al., <i>Easy Learning from Label Proportions</i>
 * (NeurIPS 2023).
 * Binary {@code logits} f (N), {@code bags} (N, bag id per sample) and {@code proportions} α (one per bag id, indexed by
 * id); with k = the bag's size and p the prior (parameter {@code prior}, default = mean of the samples' α):
 * ỹ = k·α_bag − (k − 1)·p; ℓ = ỹ·ℓ(f, 1) + (1 − ỹ)·ℓ(f, 0) with the logistic loss ℓ(f, 1) = softplus(−f),
 * ℓ(f, 0) = softplus(f); L = mean ℓ (ỹ may leave [0, 1]: the estimator is unbiased, not a probability).
 * Formula not verified against the paper: follows CATALOG.md.
 */
public final class EasyLlpLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L328", "Learning from label proportions (EasyLLP)", "classification", "T2",
            "Busa-Fekete et al. 2023, Easy Learning from Label Proportions",
            "y~ = k alpha_bag - (k-1) p; l = y~ l(f,1) + (1 - y~) l(f,0)");
    public static final String BAGS = "bags";
    public static final String PROPORTIONS = "proportions";
    private final Double prior;

    public EasyLlpLoss(Double prior) {
        if (prior != null && !(prior >= 0 && prior <= 1)) throw new IllegalArgumentException("L328: parameter 'prior' must be in [0, 1], got " + prior);
        this.prior = prior;
    }

    public static EasyLlpLoss fromParams(Params p) {
        p.checkKnown(Set.of("prior", "dtype"));
        return new EasyLlpLoss(p.has("prior") ? p.getDouble("prior", 0) : null);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor f = in.get(Cls.LOGITS);
        if (f.rank() != 1 || f.dim(0) == 0) throw new IllegalArgumentException("L328: logits must be a non-empty vector N, got " + Shape.str(f.shape()));
        int n = f.dim(0);
        int[] bag = in.get(BAGS).toIntArray();
        if (bag.length != n) throw new IllegalArgumentException("L328: bags must have length N = " + n + ", got " + bag.length);
        Tensor alpha = in.get(PROPORTIONS);
        if (alpha.rank() != 1) throw new IllegalArgumentException("L328: proportions must be a vector (one per bag id), got " + Shape.str(alpha.shape()));
        int g = alpha.dim(0);
        int[] size = new int[g];
        for (int i = 0; i < n; i++) {
            if (bag[i] < 0 || bag[i] >= g) throw new IllegalArgumentException("L328: bag id " + bag[i] + " at row " + i + " has no proportion (proportions has " + g + " entries)");
            size[bag[i]]++;
        }
        double[] k = new double[n];
        for (int i = 0; i < n; i++) k[i] = size[bag[i]];
        Tensor kt = Tensor.of(k, n).to(f.dtype());
        Tensor a = alpha.indexSelect(0, bag);
        Tensor pr = prior != null ? Tensor.full(f.dtype(), prior) : a.mean();
        Tensor y = kt.mul(a).sub(kt.sub(1).mul(pr));
        return y.mul(f.neg().softplus()).add(y.affine(-1, 1).mul(f.softplus())).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("prior", "mean bag proportion of the batch");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Cls.LOGITS, "N", "binary logit per sample"), Input.ints(BAGS, "N", "bag id per sample"),
                Input.floats(PROPORTIONS, "G", "label proportion alpha of each bag id (constant)"));
    }
}
