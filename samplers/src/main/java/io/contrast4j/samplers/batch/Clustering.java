package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KMeans;
import io.contrast4j.samplers.index.KMeansResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * S016 · Clustering primitives for samplers: k-means (k-means++ + Lloyd, Euclidean or spherical; delegates to
 * {@link KMeans} of {@code samplers.index}), balanced k-means by recursive 2-means splitting into equal halves
 * (NGAME, S013), and a 1-D two-component Gaussian mixture fitted by EM (CCD). All deterministic given the seed.
 *
 * <p>Balanced split: 2-means (k-means++ seeds, a few Lloyd steps) on the points, then the points are ordered by
 * ‖x − c₁‖² − ‖x − c₂‖² and cut at the middle, so the halves differ in size by at most one; recursion stops at
 * {@code maxClusterSize}. GMM: π, μ, σ² per component, EM until the log-likelihood gain is below 1e-9 or 200
 * iterations; variances floored at 1e-6·var(x). Defaults: max_iter 300, tol 1e-4 (k-means).
 */
public final class Clustering implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S016", "Clustering primitives for samplers", "batch-sampler", "T1",
            "k-means++ (Arthur & Vassilvitskii); NGAME balanced 2-means; 1-D GMM by EM (CCD)",
            "k-means: min sum ||x - c_a(x)||^2; balanced: recursive 2-means cut at the median; GMM: EM on pi, mu, sigma^2");
    public static final Clustering INSTANCE = new Clustering();

    private Clustering() {
    }

    /** k-means assignments (Euclidean, or spherical when {@code cosine}). */
    public static int[] kmeans(float[][] x, int k, boolean cosine, long seed) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("S016: no points to cluster");
        if (k < 1 || k > x.length) throw new IllegalArgumentException("S016: parameter 'k' must be in [1, " + x.length + "], got " + k);
        KMeansResult r = (cosine ? KMeans.spherical(k, seed) : KMeans.euclidean(k, seed)).fit(x);
        return r.assignments();
    }

    /**
     * Balanced clusters of at most {@code maxClusterSize} points by recursive 2-means halving; returns the clusters
     * as index arrays (every point in exactly one; sizes in (maxClusterSize/2, maxClusterSize] except when n is smaller).
     */
    public static List<int[]> balanced(float[][] x, int maxClusterSize, Rng rng) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("S016: no points to cluster");
        if (maxClusterSize < 1) throw new IllegalArgumentException("S016: parameter 'cluster_size' must be > 0, got " + maxClusterSize);
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        List<int[]> out = new ArrayList<>();
        split(x, all, maxClusterSize, rng, out);
        return out;
    }

    private static void split(float[][] x, int[] idx, int max, Rng rng, List<int[]> out) {
        if (idx.length <= max) {
            out.add(idx);
            return;
        }
        int d = x[0].length;
        double[] c1 = toDouble(x[idx[rng.nextInt(idx.length)]]);
        // second seed: the farthest point from c1 (deterministic k-means++-style spread)
        double best = -1;
        double[] c2 = c1;
        for (int i : idx) {
            double s = sq(x[i], c1);
            if (s > best) {
                best = s;
                c2 = toDouble(x[i]);
            }
        }
        Integer[] order = new Integer[idx.length];
        double[] score = new double[x.length];
        for (int it = 0; it < 10; it++) {
            for (int i : idx) score[i] = sq(x[i], c1) - sq(x[i], c2);
            for (int k = 0; k < idx.length; k++) order[k] = idx[k];
            Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : Integer.compare(a, b));
            double[] n1 = new double[d], n2 = new double[d];
            int h = idx.length / 2;
            for (int k = 0; k < idx.length; k++) {
                double[] t = k < h ? n1 : n2;
                for (int j = 0; j < d; j++) t[j] += x[order[k]][j];
            }
            for (int j = 0; j < d; j++) {
                n1[j] /= h;
                n2[j] /= idx.length - h;
            }
            c1 = n1;
            c2 = n2;
        }
        for (int i : idx) score[i] = sq(x[i], c1) - sq(x[i], c2);
        for (int k = 0; k < idx.length; k++) order[k] = idx[k];
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : Integer.compare(a, b));
        int h = idx.length / 2;
        int[] left = new int[h], right = new int[idx.length - h];
        for (int k = 0; k < idx.length; k++) {
            if (k < h) left[k] = order[k];
            else right[k - h] = order[k];
        }
        split(x, left, max, rng, out);
        split(x, right, max, rng, out);
    }

    private static double[] toDouble(float[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i];
        return o;
    }

    private static double sq(float[] a, double[] c) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - c[j];
            s += t * t;
        }
        return s;
    }

    /** A fitted two-component 1-D Gaussian mixture (component 0 has the smaller mean). */
    public record Gmm1d(double[] weight, double[] mean, double[] variance) {
        /** Posterior probability of component {@code c} for value v. */
        public double posterior(double v, int c) {
            double p0 = weight[0] * normal(v, mean[0], variance[0]), p1 = weight[1] * normal(v, mean[1], variance[1]);
            double tot = p0 + p1;
            if (tot == 0) return (c == 0) == (Math.abs(v - mean[0]) < Math.abs(v - mean[1])) ? 1 : 0;
            return (c == 0 ? p0 : p1) / tot;
        }
    }

    static double normal(double v, double m, double var) {
        return Math.exp(-(v - m) * (v - m) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    /** Two-component 1-D GMM by EM, initialised at the lower and upper quartiles. */
    public static Gmm1d gmm1d(double[] v) {
        if (v == null || v.length < 2) throw new IllegalArgumentException("S016: a 1-D GMM needs at least 2 values");
        double[] s = v.clone();
        Arrays.sort(s);
        double mean = 0, var = 0;
        for (double t : v) mean += t;
        mean /= v.length;
        for (double t : v) var += (t - mean) * (t - mean);
        var /= v.length;
        double floor = Math.max(1e-12, 1e-6 * var);
        double[] w = {0.5, 0.5}, m = {s[s.length / 4], s[(3 * s.length) / 4]}, va = {Math.max(var / 4, floor), Math.max(var / 4, floor)};
        double prevLl = Double.NEGATIVE_INFINITY;
        double[] r = new double[v.length];
        for (int it = 0; it < 200; it++) {
            double ll = 0;
            for (int i = 0; i < v.length; i++) {
                double p0 = w[0] * normal(v[i], m[0], va[0]), p1 = w[1] * normal(v[i], m[1], va[1]);
                double tot = p0 + p1;
                r[i] = tot > 0 ? p0 / tot : (Math.abs(v[i] - m[0]) <= Math.abs(v[i] - m[1]) ? 1 : 0);
                ll += Math.log(Math.max(tot, 1e-300));
            }
            double n0 = 0, s0 = 0, s1 = 0;
            for (int i = 0; i < v.length; i++) {
                n0 += r[i];
                s0 += r[i] * v[i];
                s1 += (1 - r[i]) * v[i];
            }
            double n1 = v.length - n0;
            if (n0 < 1e-9 || n1 < 1e-9) break;
            m[0] = s0 / n0;
            m[1] = s1 / n1;
            double q0 = 0, q1 = 0;
            for (int i = 0; i < v.length; i++) {
                q0 += r[i] * (v[i] - m[0]) * (v[i] - m[0]);
                q1 += (1 - r[i]) * (v[i] - m[1]) * (v[i] - m[1]);
            }
            va[0] = Math.max(q0 / n0, floor);
            va[1] = Math.max(q1 / n1, floor);
            w[0] = n0 / v.length;
            w[1] = n1 / v.length;
            if (ll - prevLl < 1e-9 && it > 0) break;
            prevLl = ll;
        }
        if (m[0] > m[1]) return new Gmm1d(new double[]{w[1], w[0]}, new double[]{m[1], m[0]}, new double[]{va[1], va[0]});
        return new Gmm1d(w, m, va);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("max_iter", "300", "tol", "1e-4");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("points", "N x D", "points to cluster (or N values for the 1-D GMM)"));
    }
}
