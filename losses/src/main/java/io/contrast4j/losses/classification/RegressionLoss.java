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
 * L303 · Regression and margin basics — SameDiff {@code meanSquaredError}, {@code absoluteDifference}, {@code huberLoss},
 * {@code hingeLoss}, {@code logPoisson}, {@code meanPairwiseSquaredError}, {@code l2Loss}, {@code logLoss}; DJL
 * {@code L1Loss}, {@code L2Loss}, {@code HingeLoss}, {@code QuantileL1Loss}; Tribuo objectives.
 * e = ŷ − y; {@code kind}: mse = mean e²; l1 = mean |e|; l2 = ½ mean e² (DJL L2Loss); huber = mean(½e² if |e| ≤ δ else
 * δ(|e| − ½δ)); hinge = mean [1 − y·ŷ]₊ (y ∈ ±1); quantile = mean max(q·(y−ŷ), (q−1)·(y−ŷ)); log_poisson = mean(e^ŷ − y·ŷ)
 * (ŷ = log rate); mean_pairwise_se = mean over rows of mean_{i&lt;j} ((ŷ_i − ŷ_j) − (y_i − y_j))²; log_loss = mean BCE
 * on probabilities ŷ ∈ (0,1) clamped to [eps, 1−eps].
 * Defaults: kind mse, δ = 1, q = 0.5, eps = 1e-7.
 */
public final class RegressionLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L303", "Regression and margin basics", "classification", "T1",
            "SameDiff meanSquaredError/absoluteDifference/huberLoss/hingeLoss/logPoisson/meanPairwiseSquaredError/logLoss; DJL L1Loss/L2Loss/HingeLoss/QuantileL1Loss; Tribuo",
            "MSE, L1, Huber(delta), hinge [1 - y z]+, pinball max(q e, (q-1) e), e^yhat - y yhat, mean pairwise SE, log loss");
    public static final String PREDICTIONS = "predictions";
    public enum Kind { MSE, L1, L2, HUBER, HINGE, QUANTILE, LOG_POISSON, MEAN_PAIRWISE_SE, LOG_LOSS }

    private final Kind kind;
    private final double delta, quantile, eps;

    public RegressionLoss(Kind kind, double delta, double quantile, double eps) {
        if (!(delta > 0)) throw new IllegalArgumentException("L303: parameter 'delta' must be > 0, got " + delta);
        if (!(quantile > 0 && quantile < 1)) throw new IllegalArgumentException("L303: parameter 'quantile' must be in (0, 1), got " + quantile);
        this.kind = kind;
        this.delta = delta;
        this.quantile = quantile;
        this.eps = eps;
    }

    public static RegressionLoss fromParams(Params p) {
        p.checkKnown(Set.of("kind", "delta", "quantile", "eps", "dtype"));
        String k = p.getString("kind", "mse").toUpperCase(Locale.ROOT);
        Kind kind;
        try {
            kind = Kind.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'kind' must be one of mse, l1, l2, huber, hinge, quantile, log_poisson, mean_pairwise_se, log_loss; got '" + p.getString("kind", "") + "'");
        }
        return new RegressionLoss(kind, p.getDouble("delta", 1), p.getDouble("quantile", 0.5), p.getPositive("eps", 1e-7));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor yh = in.get(PREDICTIONS), y = in.get(Cls.TARGETS);
        if (!Shape.same(yh.shape(), y.shape())) throw new IllegalArgumentException("L303: predictions " + Shape.str(yh.shape()) + " and targets " + Shape.str(y.shape()) + " must have the same shape");
        if (yh.rank() != 2 || yh.numel() == 0) throw new IllegalArgumentException("L303: predictions must be a non-empty N x C matrix, got " + Shape.str(yh.shape()));
        Tensor e = yh.sub(y);
        return switch (kind) {
            case MSE -> e.mul(e).mean();
            case L2 -> e.mul(e).mean().mul(0.5);
            case L1 -> e.abs().mean();
            case HUBER -> {
                Tensor a = e.abs();
                Tensor quad = e.mul(e).mul(0.5), lin = a.sub(0.5 * delta).mul(delta);
                yield Tensor.where(a.le(delta), quad, lin).mean();
            }
            case HINGE -> y.mul(yh).affine(-1, 1).relu().mean();
            case QUANTILE -> {
                Tensor r = y.sub(yh);
                yield r.mul(quantile).maximum(r.mul(quantile - 1)).mean();
            }
            case LOG_POISSON -> yh.exp().sub(y.mul(yh)).mean();
            case MEAN_PAIRWISE_SE -> {
                int c = yh.dim(1);
                if (c < 2) throw new IllegalArgumentException("L303: mean_pairwise_se needs at least 2 columns, got " + c);
                Tensor d = e.unsqueeze(2).sub(e.unsqueeze(1)); // N x C x C, (ŷ_i − y_i) − (ŷ_j − y_j)
                yield d.mul(d).sum().div((double) yh.dim(0) * c * (c - 1));
            }
            case LOG_LOSS -> {
                Tensor p = yh.clamp(eps, 1 - eps);
                yield y.mul(p.log()).add(y.affine(-1, 1).mul(p.affine(-1, 1).log())).mean().neg();
            }
        };
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("kind", "mse", "delta", "1", "quantile", "0.5", "eps", "1e-7");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PREDICTIONS, "N x C", "predictions"), Input.floats(Cls.TARGETS, "N x C", "regression targets (±1 for hinge)"));
    }
}
