package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S406 · Clean/noisy division by a loss GMM, CCD of RDE (Qin et al. 2024, <i>Noisy-Correspondence Learning for
 * Text-to-Image Person Re-identification</i>, repo QinYang79/RDE). Per embedding module: min-max normalise the
 * per-pair losses, fit a 2-component 1-D Gaussian mixture by EM, and call a pair clean if the posterior of the
 * lower-mean component is &gt; 0.5. With two modules: both clean → w = 1, both noisy → w = 0, disagreement → a random
 * 0/1 (seeded). EM starts with means 0 and 1 (the normalised min and max), variances 0.1, equal
 * weights, shared initial variance; {@code iterations} steps (default 100), variance floor 1e-6.
 */
public final class LossGmmDivision implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S406", "Clean/noisy division by a loss GMM (CCD)", "reweighting", "T2",
            "Qin et al. 2024, Noisy-Correspondence Learning for Text-to-Image Person Re-identification (RDE, QinYang79/RDE)",
            "clean_i = P(low-mean component | norm. loss_i) > 0.5 per module; w = 1 both clean, 0 both noisy, random else");
    private final int iterations;

    public LossGmmDivision(int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("parameter 'iterations' must be >= 1, got " + iterations);
        this.iterations = iterations;
    }

    public LossGmmDivision() {
        this(100);
    }

    /** Posterior of the lower-mean component for every loss (after min-max normalisation). */
    public double[] cleanProbability(double[] losses) {
        SampleWeighter.checkFinite(INFO.id(), losses);
        int n = losses.length;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = max > min ? (losses[i] - min) / (max - min) : 0;
        double[] post = new double[n];
        if (max <= min) {
            java.util.Arrays.fill(post, 1.0);
            return post;
        }
        double[] mu = {0, 1}, var = {0.1, 0.1}, pi = {0.5, 0.5};
        double[][] resp = new double[n][2];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                double a = pi[0] * gauss(x[i], mu[0], var[0]), b = pi[1] * gauss(x[i], mu[1], var[1]);
                double s = a + b;
                resp[i][0] = s > 0 ? a / s : (Math.abs(x[i] - mu[0]) <= Math.abs(x[i] - mu[1]) ? 1 : 0);
                resp[i][1] = 1 - resp[i][0];
            }
            for (int c = 0; c < 2; c++) {
                double nk = 0, m = 0;
                for (int i = 0; i < n; i++) {
                    nk += resp[i][c];
                    m += resp[i][c] * x[i];
                }
                if (nk < 1e-12) continue;
                m /= nk;
                double v = 0;
                for (int i = 0; i < n; i++) v += resp[i][c] * (x[i] - m) * (x[i] - m);
                mu[c] = m;
                var[c] = Math.max(v / nk, 1e-6);
                pi[c] = nk / n;
            }
        }
        int low = mu[0] <= mu[1] ? 0 : 1;
        for (int i = 0; i < n; i++) {
            double a = pi[0] * gauss(x[i], mu[0], var[0]), b = pi[1] * gauss(x[i], mu[1], var[1]);
            double s = a + b;
            post[i] = s > 0 ? (low == 0 ? a : b) / s : (Math.abs(x[i] - mu[low]) <= Math.abs(x[i] - mu[1 - low]) ? 1 : 0);
        }
        return post;
    }

    /** Clean flags of one module. */
    public boolean[] clean(double[] losses) {
        double[] p = cleanProbability(losses);
        boolean[] c = new boolean[p.length];
        for (int i = 0; i < p.length; i++) c[i] = p[i] > 0.5;
        return c;
    }

    /** RDE's consensus weights from two modules' per-pair losses. */
    public double[] weights(double[] lossesA, double[] lossesB, Rng rng) {
        if (lossesA.length != lossesB.length) throw new IllegalArgumentException("S406: lossesA and lossesB must have equal length, got " + lossesA.length + " and " + lossesB.length);
        boolean[] a = clean(lossesA), b = clean(lossesB);
        double[] w = new double[a.length];
        for (int i = 0; i < w.length; i++) w[i] = a[i] && b[i] ? 1 : !a[i] && !b[i] ? 0 : rng.nextInt(2);
        return w;
    }

    private static double gauss(double x, double mu, double var) {
        return Math.exp(-(x - mu) * (x - mu) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("iterations", String.valueOf(iterations), "threshold", "0.5");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("losses_a", "N", "per-pair losses of module A"), Input.floats("losses_b", "N", "per-pair losses of module B"));
    }
}
