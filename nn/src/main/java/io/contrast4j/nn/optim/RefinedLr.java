package io.contrast4j.nn.optim;

import java.util.Arrays;

/**
 * Gradient-norm-refined schedule (O02; Defazio et al., <i>When, Why and How Much? Adaptive Learning Rate Scheduling
 * by Refinement</i>, 2023, Algorithm 1): from a prior run's gradient norms ‖g_t‖ (t = 0..T−1), optionally median
 * smoothed with window ⌈τT⌉, w_t = ‖g_t‖^{−2}·Σ_{p&gt;t} ‖g_p‖^{−2}, normalised to max 1; η_t = η·w_t (it warms up
 * and anneals automatically). Steps ≥ T get factor 0. Default τ = 0 (no smoothing).
 */
public final class RefinedLr implements LrSchedule {
    private final double peakLr;
    private final double[] w;

    public RefinedLr(double peakLr, double[] gradNorms) {
        this(peakLr, gradNorms, 0.0);
    }

    public RefinedLr(double peakLr, double[] gradNorms, double smoothing) {
        LrSchedule.checkPeak(peakLr);
        if (gradNorms.length < 2) throw new IllegalArgumentException("gradNorms: need at least 2 values, got " + gradNorms.length);
        if (!(smoothing >= 0 && smoothing <= 1)) throw new IllegalArgumentException("smoothing must be in [0, 1], got " + smoothing);
        for (int i = 0; i < gradNorms.length; i++) {
            if (!(gradNorms[i] > 0) || Double.isInfinite(gradNorms[i])) throw new IllegalArgumentException("gradNorms[" + i + "] must be finite and > 0, got " + gradNorms[i]);
        }
        this.peakLr = peakLr;
        int t = gradNorms.length;
        double[] g = smoothing > 0 ? medianFilter(gradNorms, (int) Math.ceil(smoothing * t)) : gradNorms.clone();
        w = new double[t];
        double tail = 0, max = 0;
        for (int i = t - 1; i >= 0; i--) {
            w[i] = tail / (g[i] * g[i]);
            tail += 1 / (g[i] * g[i]);
            max = Math.max(max, w[i]);
        }
        for (int i = 0; i < t; i++) w[i] /= max;
    }

    /** Centred running median with the given window (shrunk at the ends). */
    static double[] medianFilter(double[] x, int window) {
        int half = Math.max(0, window / 2);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int lo = Math.max(0, i - half), hi = Math.min(x.length, i + half + 1);
            double[] s = Arrays.copyOfRange(x, lo, hi);
            Arrays.sort(s);
            out[i] = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }
        return out;
    }

    @Override
    public double factor(long step) {
        LrSchedule.checkStep(step);
        return step < w.length ? w[(int) step] : 0.0;
    }

    @Override
    public double peakLr() {
        return peakLr;
    }
}
