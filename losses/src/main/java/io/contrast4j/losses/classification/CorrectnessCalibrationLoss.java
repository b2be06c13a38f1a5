package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L324 · Correctness-aware post-hoc calibration loss — Liu et al., <i>Optimizing Calibration by Gaining Aware of
 * Prediction Correctness</i> (2024); metric M13.
 * The frozen classifier's {@code logits} (N x C) are scaled by a per-sample temperature T_n = softplus(t_n) + 10⁻³ from
 * the calibrator's raw output {@code temperature_logits} (N; the calibrator reads the sorted softmax vectors of the sample
 * and its transformed copies); ĉ = max_c softmax(z/T)_c, y_c = 1[argmax z = y] (constant);
 * L = mean [y_c (1 − ĉ) + (1 − y_c) ĉ] ({@code form=bce}: BCE(ĉ, y_c)). Train on an in-distribution validation set.
 * Formula not verified against the paper: follows CATALOG.md. Defaults: form linear.
 */
public final class CorrectnessCalibrationLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L324", "Correctness-aware post-hoc calibration loss", "classification", "T2",
            "Liu et al. 2024, Optimizing Calibration by Gaining Aware of Prediction Correctness",
            "L = mean [y_c (1 - c) + (1 - y_c) c], c = max softmax(z / T(x))");
    public static final String TEMPERATURE_LOGITS = "temperature_logits";
    private final boolean bce;

    public CorrectnessCalibrationLoss(boolean bce) {
        this.bce = bce;
    }

    public static CorrectnessCalibrationLoss fromParams(Params p) {
        p.checkKnown(Set.of("form", "dtype"));
        String f = p.getString("form", "linear").toLowerCase(Locale.ROOT);
        if (!f.equals("linear") && !f.equals("bce")) throw new IllegalArgumentException("parameter 'form' must be linear or bce, got '" + f + "'");
        return new CorrectnessCalibrationLoss(f.equals("bce"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        int[] y = Cls.targets(INFO.id(), in, n, c);
        Tensor t = in.get(TEMPERATURE_LOGITS);
        if (!Shape.same(t.shape(), new int[]{n})) throw new IllegalArgumentException("L324: temperature_logits must have shape N = " + n + ", got " + Shape.str(t.shape()));
        double[] zh = io.contrast4j.losses.ranking.Lists.host(z);
        int[] arg = new int[n];
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < c; k++) if (zh[i * c + k] > zh[i * c + arg[i]]) arg[i] = k;
            yc[i] = arg[i] == y[i] ? 1 : 0;
        }
        Tensor temp = t.softplus().add(1e-3).reshape(n, 1);
        Tensor logConf = Cls.pick(z.div(temp).logSoftmax(1), arg);
        Tensor ycT = Tensor.of(yc, n).to(z.dtype());
        if (bce) {
            Tensor log1m = Cls.logOneMinusPy(z.div(temp), arg);
            return ycT.mul(logConf).add(ycT.affine(-1, 1).mul(log1m)).mean().neg();
        }
        Tensor conf = logConf.exp();
        return ycT.mul(conf.affine(-1, 1)).add(ycT.affine(-1, 1).mul(conf)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("form", "linear");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput(), Input.floats(TEMPERATURE_LOGITS, "N", "calibrator output; T = softplus(t) + 1e-3"));
    }
}
