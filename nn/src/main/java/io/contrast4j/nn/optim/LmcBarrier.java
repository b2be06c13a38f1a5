package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Linear-mode-connectivity loss barrier (catalog O07, T2; Frankle et al. 2020; Entezari et al. 2022; Ito et al.,
 * <i>Analysis of Linear Mode Connectivity via Permutation-Based Weight Matching</i>, 2024):
 * barrier = max_λ [L((1−λ)θ_A + λθ_B) − ((1−λ)L(θ_A) + λL(θ_B))] over an even grid λ ∈ {0, 1/(k−1), …, 1}
 * (default 11 points); the loss is the caller's callback on a parameter map (e.g. load it into a model with
 * {@link ModelSoup#load} and evaluate). Align B with {@link WeightMatching} first to measure the permuted barrier.
 */
public final class LmcBarrier {
    private LmcBarrier() {
    }

    /** Grid λ values, the interpolated losses, the barrier and the λ where it is attained. */
    public record Result(double[] lambdas, double[] losses, double barrier, double argmaxLambda) {
    }

    /** (1−λ)a + λb per parameter (same names and shapes). */
    public static Map<String, Tensor> interpolate(Map<String, Tensor> a, Map<String, Tensor> b, double lambda) {
        if (a.size() != b.size()) throw new IllegalArgumentException("interpolate: " + a.size() + " vs " + b.size() + " parameters");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : a.entrySet()) {
            Tensor ta = e.getValue(), tb = b.get(e.getKey());
            if (tb == null) throw new IllegalArgumentException("interpolate: model B has no parameter '" + e.getKey() + "'");
            if (!Arrays.equals(ta.shape(), tb.shape())) throw new IllegalArgumentException("interpolate: '" + e.getKey() + "' shapes differ: " + Arrays.toString(ta.shape()) + " vs " + Arrays.toString(tb.shape()));
            HostStorage ha = ta.host(), hb = tb.host(), r = HostStorage.zeros(ta.dtype(), ha.size());
            for (int i = 0; i < ha.size(); i++) r.set(i, (1 - lambda) * ha.get(i) + lambda * hb.get(i));
            out.put(e.getKey(), Tensor.wrap(r, ta.shape()));
        }
        return out;
    }

    public static Result barrier(Map<String, Tensor> a, Map<String, Tensor> b, ToDoubleFunction<Map<String, Tensor>> loss, int points) {
        if (points < 2) throw new IllegalArgumentException("LmcBarrier: points must be >= 2, got " + points);
        double[] lam = new double[points], ls = new double[points];
        for (int i = 0; i < points; i++) {
            lam[i] = i / (double) (points - 1);
            ls[i] = loss.applyAsDouble(i == 0 ? a : i == points - 1 ? b : interpolate(a, b, lam[i]));
            if (Double.isNaN(ls[i])) throw new IllegalArgumentException("LmcBarrier: loss is NaN at λ = " + lam[i]);
        }
        double best = Double.NEGATIVE_INFINITY, arg = 0;
        for (int i = 0; i < points; i++) {
            double gap = ls[i] - ((1 - lam[i]) * ls[0] + lam[i] * ls[points - 1]);
            if (gap > best) {
                best = gap;
                arg = lam[i];
            }
        }
        return new Result(lam, ls, best, arg);
    }
}
