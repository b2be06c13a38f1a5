package io.contrast4j.losses.classification;

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
 * L317 · Number token loss (NTL) — Zausinger et al., <i>Regress, Don't Guess — A Regression-like Loss on Number Tokens
 * for Language Models</i> (ICML 2025).
 * Softmax p over C ordinal levels with values v_c ({@code values}, default 0..C−1; graded relevance / ordinal classes),
 * target level y ({@code targets}, N) with value v_y: ŷ = Σ_c p_c v_c; NTL-MSE = (ŷ − v_y)²; NTL-WAS = Σ_c p_c |v_c − v_y|;
 * L = mean [CE(z, y) + λ·NTL].
 * Defaults: variant mse, λ = 0.3 (λ: formula constant not verified against the paper).
 */
public final class NumberTokenLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L317", "Number token loss (NTL)", "classification", "T2",
            "Zausinger et al. 2025, Regress, Don't Guess - A Regression-like Loss on Number Tokens for Language Models",
            "L = CE + lambda (sum_c p_c v_c - v_y)^2  (or lambda sum_c p_c |v_c - v_y|)");
    private final boolean was;
    private final double lambda;
    private final double[] values;

    public NumberTokenLoss(boolean was, double lambda, double[] values) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("L317: parameter 'lambda' must be >= 0, got " + lambda);
        this.was = was;
        this.lambda = lambda;
        this.values = values;
    }

    public static NumberTokenLoss fromParams(Params p) {
        p.checkKnown(Set.of("variant", "lambda", "values", "dtype"));
        String v = p.getString("variant", "mse").toLowerCase(Locale.ROOT);
        if (!v.equals("mse") && !v.equals("was")) throw new IllegalArgumentException("parameter 'variant' must be mse or was, got '" + v + "'");
        return new NumberTokenLoss(v.equals("was"), p.getDouble("lambda", 0.3), Cls.doubles(p, "values"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        int[] y = Cls.targets(INFO.id(), in, n, c);
        double[] v = values;
        if (v == null) {
            v = new double[c];
            for (int i = 0; i < c; i++) v[i] = i;
        } else if (v.length != c) {
            throw new IllegalArgumentException("L317: values has " + v.length + " entries but the logits have C = " + c + " levels");
        }
        Tensor logp = z.logSoftmax(1), p = logp.exp();
        Tensor ce = Cls.pick(logp, y).neg();
        double[] vy = new double[n], dist = new double[n * c];
        for (int i = 0; i < n; i++) {
            vy[i] = v[y[i]];
            for (int k = 0; k < c; k++) dist[i * c + k] = Math.abs(v[k] - vy[i]);
        }
        Tensor ntl;
        if (was) {
            ntl = p.mul(Tensor.of(dist, n, c).to(z.dtype())).sum(new int[]{1}, false);
        } else {
            Tensor yhat = p.mul(Tensor.of(v, 1, c).to(z.dtype())).sum(new int[]{1}, false);
            Tensor d = yhat.sub(Tensor.of(vy, n).to(z.dtype()));
            ntl = d.mul(d);
        }
        return ce.add(ntl.mul(lambda)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("variant", "mse", "lambda", "0.3", "values", "0..C-1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.ints(Cls.TARGETS, "N", "target level index per row"));
    }
}
