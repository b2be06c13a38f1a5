package io.contrast4j.losses.ranking;

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
 * L205 · Dual-head knowledge distillation — Yang et al., <i>Dual-Head Knowledge Distillation: Enhancing Logits
 * Utilization with an Auxiliary Head</i> (2024); heads E14.
 * Head A ({@code logits}): CE(z_A, y) + τ²·KL(softmax(z_T/τ) ‖ softmax(z_A/τ)); head B ({@code aux_logits}, same
 * backbone): λ·BinaryKL(z_T, z_B) = λ·mean_n Σ_c KL(Bern(σ(z_T,c)) ‖ Bern(σ(z_B,c))) (the per-class BCE of σ(z_B) against
 * σ(z_T), minus the teacher's constant entropy). Inference uses head A. Rows are averaged.
 * BinaryKL form: formula not verified against the paper: follows CATALOG.md.
 * Defaults: τ = 4, λ = 1 (weights of the paper's experiments not verified).
 */
public final class DualHeadKdLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L205", "Dual-head knowledge distillation", "ranking", "T2",
            "Yang et al. 2024, Dual-Head Knowledge Distillation: Enhancing Logits Utilization with an Auxiliary Head",
            "L = CE(zA, y) + tau^2 KL(pT || pA) + lambda sum_c KL(Bern(sigmoid(zT_c)) || Bern(sigmoid(zB_c)))");
    public static final String LOGITS = "logits";
    public static final String AUX_LOGITS = "aux_logits";
    public static final String TEACHER_LOGITS = "teacher_logits";
    public static final String TARGETS = "targets";
    private final double tau, lambda;

    public DualHeadKdLoss(double tau, double lambda) {
        if (!(tau > 0) || !(lambda >= 0)) throw new IllegalArgumentException("L205: need temperature > 0 and lambda >= 0");
        this.tau = tau;
        this.lambda = lambda;
    }

    public static DualHeadKdLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "lambda", "dtype"));
        return new DualHeadKdLoss(p.getPositive("temperature", 4), p.getDouble("lambda", 1));
    }

    /** mean_n Σ_c KL(Bern(σ(t)) ‖ Bern(σ(z))), from log-sigmoids (stable for large |z|). */
    public static Tensor binaryKl(Tensor t, Tensor z) {
        Tensor pt = t.sigmoid(), qt = t.neg().sigmoid();
        Tensor lpt = t.neg().softplus().neg(), lqt = t.softplus().neg();
        Tensor lpz = z.neg().softplus().neg(), lqz = z.softplus().neg();
        return pt.mul(lpt.sub(lpz)).add(qt.mul(lqt.sub(lqz))).sum(new int[]{1}, false).mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor za = in.get(LOGITS), zb = in.get(AUX_LOGITS), zt = in.get(TEACHER_LOGITS);
        if (za.rank() != 2 || !Shape.same(za.shape(), zb.shape()) || !Shape.same(za.shape(), zt.shape())) {
            throw new IllegalArgumentException("L205: logits, aux_logits and teacher_logits must all be N x C, got " + Shape.str(za.shape()) + ", " + Shape.str(zb.shape()) + ", " + Shape.str(zt.shape()));
        }
        int n = za.dim(0), c = za.dim(1);
        int[] y = in.get(TARGETS).toIntArray();
        if (y.length != n) throw new IllegalArgumentException("L205: targets must have length N = " + n + ", got " + y.length);
        for (int i = 0; i < n; i++) if (y[i] < 0 || y[i] >= c) throw new IllegalArgumentException("L205: target " + y[i] + " at row " + i + " is outside [0, " + c + ")");
        Tensor logp = za.logSoftmax(1);
        Tensor ce = logp.gather(1, Tensor.ofInts(y, n, 1)).mean().neg();
        Tensor logPt = zt.div(tau).logSoftmax(1);
        Tensor kd = DistillKlLoss.kl(logPt.exp(), logPt, za.div(tau).logSoftmax(1)).mean().mul(tau * tau);
        return ce.add(kd).add(binaryKl(zt, zb).mul(lambda));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "4", "lambda", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LOGITS, "N x C", "main head logits (head A)"), Input.floats(AUX_LOGITS, "N x C", "auxiliary head logits (head B)"),
                Input.floats(TEACHER_LOGITS, "N x C", "teacher logits (constant)"), Input.ints(TARGETS, "N", "class index per row"));
    }
}
