package io.contrast4j.nn.components;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/**
 * Two-pass softmax / log-sum-exp over the last axis (catalog E21, T2; Dukhan &amp; Ablavatski, "The Two-Pass Softmax
 * Algorithm", 2020). Pass 1 writes e^{x_i} = m_i·2^{n_i} with n_i = round(x_i·log₂e), m_i = e^{x_i − n_i ln 2} and
 * accumulates Σ as (m_s, n_s), rescaling by 2^{Δn} when the exponent grows; pass 2 gives
 * y_i = (m_i/m_s)·2^{n_i − n_s} ({@link Math#scalb}); LSE = ln m_s + n_s ln 2. No max pass, no overflow. When a
 * gradient is needed the value is attached to the composed softmax's graph (same function, so the same gradient:
 * soft + sg(two-pass − soft)). −∞ entries give 0.
 */
public final class TwoPassSoftmax {
    public static final CatalogInfo INFO = new CatalogInfo("E21", "Two-pass softmax / LSE kernel", "encoder", "T2",
            "Dukhan & Ablavatski 2020, The Two-Pass Softmax Algorithm",
            "e^x = m·2^n; Σ accumulated as (m_s, n_s); y_i = (m_i/m_s)·2^{n_i−n_s}");

    private static final double LOG2E = 1 / Math.log(2), LN2 = Math.log(2);

    private TwoPassSoftmax() {
    }

    /** Softmax over the last axis. */
    public static Tensor softmax(Tensor x) {
        Tensor v = Tensor.of(kernel(x.toDoubleArray(), x.dim(-1), false), x.shape()).to(x.dtype());
        if (!x.requiresGrad() || !Grad.isEnabled()) return v;
        return Tensor.straightThrough(v, x.softmax(x.rank() - 1));
    }

    /** log Σ exp over the last axis (shape without the last axis). */
    public static Tensor logSumExp(Tensor x) {
        int[] s = x.shape();
        int[] out = java.util.Arrays.copyOf(s, s.length - 1);
        Tensor v = Tensor.of(kernel(x.toDoubleArray(), x.dim(-1), true), out).to(x.dtype());
        if (!x.requiresGrad() || !Grad.isEnabled()) return v;
        return Tensor.straightThrough(v, x.logsumexp(x.rank() - 1));
    }

    /** Row-wise kernel on raw values: softmax rows, or one LSE per row. */
    static double[] kernel(double[] x, int cols, boolean lse) {
        int rows = x.length / cols;
        double[] out = new double[lse ? rows : x.length];
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double ms = 0;
            int ns = Integer.MIN_VALUE;
            for (int i = 0; i < cols; i++) { // pass 1
                double xi = x[o + i];
                if (xi == Double.NEGATIVE_INFINITY) continue;
                int n = (int) Math.rint(xi * LOG2E);
                double m = Math.exp(xi - n * LN2);
                if (n > ns) {
                    ms = ns == Integer.MIN_VALUE ? m : Math.scalb(ms, ns - n) + m;
                    ns = n;
                } else {
                    ms += Math.scalb(m, n - ns);
                }
            }
            if (lse) {
                out[r] = ns == Integer.MIN_VALUE ? Double.NEGATIVE_INFINITY : Math.log(ms) + ns * LN2;
                continue;
            }
            for (int i = 0; i < cols; i++) { // pass 2
                double xi = x[o + i];
                if (xi == Double.NEGATIVE_INFINITY) {
                    out[o + i] = 0;
                    continue;
                }
                int n = (int) Math.rint(xi * LOG2E);
                out[o + i] = Math.scalb(Math.exp(xi - n * LN2) / ms, n - ns);
            }
        }
        return out;
    }
}
