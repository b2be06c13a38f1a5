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
 * L312 · AnyLoss (confusion-matrix metric as a loss) — Han et al., <i>AnyLoss: Transforming Classification Metrics into
 * Loss Functions</i> (KDD 2024).
 * p̂ = 1/(1 + e^{−L(p − 0.5)}) (amplified probabilities); TP = Σ y p̂, FN = Σ y (1−p̂), FP = Σ (1−y) p̂,
 * TN = Σ (1−y)(1−p̂) over the batch; loss = 1 − metric with metric = F1 = 2TP/(2TP+FP+FN), F_β = (1+β²)TP/((1+β²)TP
 * + β²FN + FP), accuracy = (TP+TN)/n, balanced accuracy = ½(TP/(TP+FN) + TN/(TN+FP)) or G-mean = √(TP/(TP+FN)·TN/(TN+FP)).
 * Inputs: {@code probabilities} (N, in [0,1]) and {@code targets} (N, 0/1 floats).
 * Defaults: metric f1, L = 73, β = 1.
 */
public final class AnyLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L312", "AnyLoss (confusion-matrix metric as loss)", "classification", "T2",
            "Han et al. 2024, AnyLoss: Transforming Classification Metrics into Loss Functions",
            "p^ = sigmoid(L (p - 0.5)); loss = 1 - metric(TP, FN, FP, TN)");
    public static final String PROBABILITIES = "probabilities";
    public enum Metric { F1, FBETA, ACCURACY, BALANCED_ACCURACY, GMEAN }
    private final Metric metric;
    private final double amplifier, beta;

    public AnyLoss(Metric metric, double amplifier, double beta) {
        if (!(amplifier > 0)) throw new IllegalArgumentException("L312: parameter 'amplifier' must be > 0, got " + amplifier);
        if (!(beta > 0)) throw new IllegalArgumentException("L312: parameter 'beta' must be > 0, got " + beta);
        this.metric = metric;
        this.amplifier = amplifier;
        this.beta = beta;
    }

    public static AnyLoss fromParams(Params p) {
        p.checkKnown(Set.of("metric", "amplifier", "beta", "dtype"));
        Metric m;
        try {
            m = Metric.valueOf(p.getString("metric", "f1").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'metric' must be f1, fbeta, accuracy, balanced_accuracy or gmean; got '" + p.getString("metric", "") + "'");
        }
        return new AnyLoss(m, p.getDouble("amplifier", 73), p.getDouble("beta", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor p = in.get(PROBABILITIES), y = in.get(Cls.TARGETS);
        if (p.rank() != 1 || !Shape.same(p.shape(), y.shape()) || p.dim(0) == 0) {
            throw new IllegalArgumentException("L312: probabilities and targets must be non-empty vectors of the same length, got " + Shape.str(p.shape()) + " and " + Shape.str(y.shape()));
        }
        Tensor ph = p.sub(0.5).mul(amplifier).sigmoid();
        Tensor ny = y.affine(-1, 1), nph = ph.affine(-1, 1);
        Tensor tp = y.mul(ph).sum(), fn = y.mul(nph).sum(), fp = ny.mul(ph).sum(), tn = ny.mul(nph).sum();
        Tensor score = switch (metric) {
            case F1 -> tp.mul(2).div(tp.mul(2).add(fp).add(fn));
            case FBETA -> {
                double b2 = beta * beta;
                yield tp.mul(1 + b2).div(tp.mul(1 + b2).add(fn.mul(b2)).add(fp));
            }
            case ACCURACY -> tp.add(tn).div(p.dim(0));
            case BALANCED_ACCURACY -> tp.div(tp.add(fn)).add(tn.div(tn.add(fp))).mul(0.5);
            case GMEAN -> tp.div(tp.add(fn)).mul(tn.div(tn.add(fp))).sqrt();
        };
        return score.affine(-1, 1);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("metric", "f1", "amplifier", "73", "beta", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PROBABILITIES, "N", "predicted probability of the positive class"), Input.floats(Cls.TARGETS, "N", "0/1 labels"));
    }
}
