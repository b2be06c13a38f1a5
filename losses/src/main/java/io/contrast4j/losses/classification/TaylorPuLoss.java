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
 * L319 · Taylor variational positive–unlabeled loss — Zhao et al., <i>Class Prior-Free Positive-Unlabeled Learning
 * with Taylor Variational Loss for Hyperspectral Remote Sensing Imagery</i> (ICCV 2023).
 * Φ(x) = σ({@code logits}); {@code labels} 1 = labelled positive, 0 = unlabeled. Variational base
 * log E_U[Φ] − E_P[log Φ]; every log z is replaced by its order-n Taylor series around 1,
 * T_n(z) = −Σ_{i=1..n} (1 − z)^i / i: L = T_n(mean_U Φ) − mean_P T_n(Φ). The self-calibration step (EMA/consistency)
 * is a training-loop concern, not part of this loss. Formula not verified against the paper: follows CATALOG.md.
 * Defaults: order n = 2.
 */
public final class TaylorPuLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L319", "Taylor variational positive-unlabeled loss", "classification", "T2",
            "Zhao et al. 2023, Class Prior-Free Positive-Unlabeled Learning with Taylor Variational Loss for Hyperspectral Remote Sensing Imagery",
            "L = T_n(E_U[Phi]) - E_P[T_n(Phi)], T_n(z) = -sum_{i<=n} (1 - z)^i / i");
    public static final String LABELS = "labels";
    private final int order;

    public TaylorPuLoss(int order) {
        if (order < 1) throw new IllegalArgumentException("L319: parameter 'order' must be >= 1, got " + order);
        this.order = order;
    }

    public static TaylorPuLoss fromParams(Params p) {
        p.checkKnown(Set.of("order", "dtype"));
        return new TaylorPuLoss(p.getInt("order", 2));
    }

    /** T_n(z) = −Σ_{i=1..n} (1 − z)^i / i, elementwise. */
    public Tensor taylorLog(Tensor z) {
        Tensor u = z.affine(-1, 1), pw = u, sum = u;
        for (int i = 2; i <= order; i++) {
            pw = pw.mul(u);
            sum = sum.add(pw.div(i));
        }
        return sum.neg();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = in.get(Cls.LOGITS);
        if (z.rank() != 1) throw new IllegalArgumentException("L319: logits must be a vector N, got " + Shape.str(z.shape()));
        double[] y = io.contrast4j.losses.ranking.Lists.host(in.get(LABELS));
        if (y.length != z.dim(0)) throw new IllegalArgumentException("L319: labels must have length N = " + z.dim(0) + ", got " + y.length);
        int np = 0, nu = 0;
        for (double v : y) if (v > 0.5) np++; else nu++;
        if (np == 0 || nu == 0) throw new IllegalArgumentException("L319: the batch needs both labelled positives and unlabeled samples (got " + np + " and " + nu + ")");
        int[] pos = new int[np], unl = new int[nu];
        for (int i = 0, a = 0, b = 0; i < y.length; i++) if (y[i] > 0.5) pos[a++] = i; else unl[b++] = i;
        Tensor phi = z.sigmoid();
        Tensor eu = phi.indexSelect(0, unl).mean();
        return taylorLog(eu).sub(taylorLog(phi.indexSelect(0, pos)).mean());
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("order", "2");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Cls.LOGITS, "N", "classifier logit per sample"), Input.floats(LABELS, "N", "1 = labelled positive, 0 = unlabeled"));
    }
}
