package io.contrast4j.losses.classification;

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
 * L315 · Squentropy — Hui, Belkin, Wright, <i>Cut your Losses with Squentropy</i> (ICML 2023).
 * ℓ = −log softmax(z)_y + (1/(C−1)) Σ_{k≠y} z_k² (cross-entropy plus the mean square of the incorrect-class logits);
 * mean over rows. No hyperparameter.
 */
public final class SquentropyLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L315", "Squentropy", "classification", "T2",
            "Hui, Belkin, Wright 2023, Cut your Losses with Squentropy",
            "l = -log softmax(z)_y + (1/(C-1)) sum_{k!=y} z_k^2");

    public static SquentropyLoss fromParams(Params p) {
        p.checkKnown(Set.of("dtype"));
        return new SquentropyLoss();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int c = z.dim(1);
        if (c < 2) throw new IllegalArgumentException("L315: needs at least 2 classes, got " + c);
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), c);
        Tensor ce = z.logsumexp(1).sub(Cls.pick(z, y));
        Tensor other = Cls.oneHot(y, c, z.dtype()).affine(-1, 1);
        Tensor sq = z.mul(z).mul(other).sum(new int[]{1}, false).div(c - 1);
        return ce.add(sq).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
