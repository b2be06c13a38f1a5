package io.contrast4j.samplers.index;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means clustering: k-means++ seeding (Arthur &amp; Vassilvitskii, <i>k-means++: The Advantages of Careful
 * Seeding</i>, SODA 2007) followed by Lloyd iterations; or spherical k-means (Dhillon &amp; Modha, 2001) on unit
 * vectors with cosine similarity and re-normalised centroids.
 *
 * <p>Objective: Euclidean minimises Σᵢ ‖xᵢ − c_{a(i)}‖²; spherical minimises Σᵢ (1 − cos(xᵢ, c_{a(i)})).
 * Seeding draws the first centre uniformly and each next one with probability ∝ D(x) (D = squared distance,
 * or 1 − cos, to the nearest chosen centre; plain k-means++, not the greedy variant). The assignment step
 * is a top-1 search on a {@link KnnIndex} over the centroids (same Vector API kernel), refreshed every
 * iteration. An empty cluster is re-seeded with the point farthest from its own centroid (each such point
 * used once per iteration). Stops after {@code maxIter} iterations, when assignments no longer change, or
 * when the total squared centroid shift is ≤ {@code tol · mean per-feature variance} of the data (the
 * scikit-learn rule). The returned assignments and inertia are recomputed for the returned centroids.
 * Deterministic for a seed (sums run sequentially in point order).
 *
 * <p>Catalog: S016 (clustering primitives for samplers; k-means part). Defaults: maxIter 300, tol 1e-4
 * (scikit-learn's).
 */
public final class KMeans {
    public static final int DEFAULT_MAX_ITER = 300;
    public static final double DEFAULT_TOL = 1e-4;

    private final int k;
    private final boolean spherical;
    private final int maxIter;
    private final double tol;
    private final long seed;

    /**
     * @param k         number of clusters ≥ 1
     * @param spherical false: Euclidean k-means; true: spherical k-means (cosine)
     * @param maxIter   maximum Lloyd iterations ≥ 1
     * @param tol       relative centroid-shift tolerance ≥ 0
     * @param seed      seed of the k-means++ draws
     */
    public KMeans(int k, boolean spherical, int maxIter, double tol, long seed) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (maxIter < 1) throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
        if (!(tol >= 0) || Double.isInfinite(tol)) throw new IllegalArgumentException("tol must be finite and >= 0, got " + tol);
        this.k = k;
        this.spherical = spherical;
        this.maxIter = maxIter;
        this.tol = tol;
        this.seed = seed;
    }

    /** Euclidean k-means with default maxIter and tol. */
    public static KMeans euclidean(int k, long seed) {
        return new KMeans(k, false, DEFAULT_MAX_ITER, DEFAULT_TOL, seed);
    }

    /** Spherical (cosine) k-means with default maxIter and tol. */
    public static KMeans spherical(int k, long seed) {
        return new KMeans(k, true, DEFAULT_MAX_ITER, DEFAULT_TOL, seed);
    }

    /** Clusters the rows of a row-major {@code n x dim} matrix (n ≥ k). */
    public KMeansResult fit(float[] data, int dim) {
        float[] x = prepare(data, dim);
        int n = x.length / dim;
        return lloyd(x, n, dim, seedPlusPlus(x, n, dim));
    }

    /** Clusters rows. */
    public KMeansResult fit(float[][] data) {
        if (data == null || data.length == 0) throw new IllegalArgumentException("data must have at least one row");
        if (data[0] == null) throw new IllegalArgumentException("data[0] is null");
        return fit(KnnIndex.flatten(data, data[0].length, "data"), data[0].length);
    }

    /** Lloyd iterations from the given {@code k x dim} initial centroids instead of k-means++ (warm start). */
    public KMeansResult fit(float[] data, int dim, float[] initialCentroids) {
        float[] x = prepare(data, dim);
        int n = x.length / dim;
        if (initialCentroids == null || initialCentroids.length != k * dim) {
            throw new IllegalArgumentException("initialCentroids must have k x dim = " + (k * dim) + " values, got "
                    + (initialCentroids == null ? "null" : initialCentroids.length));
        }
        float[] c = initialCentroids.clone();
        for (int i = 0; i < c.length; i++) {
            if (!Float.isFinite(c[i])) throw new IllegalArgumentException("initialCentroids value " + i + " is not finite");
        }
        if (spherical) for (int j = 0; j < k; j++) normalise(c, j * dim, dim);
        return lloyd(x, n, dim, c);
    }

    private float[] prepare(float[] data, int dim) {
        if (dim < 1) throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        if (data == null || data.length == 0 || data.length % dim != 0) {
            throw new IllegalArgumentException("data length " + (data == null ? "null" : data.length) + " is not a positive multiple of dim " + dim);
        }
        int n = data.length / dim;
        if (n < k) throw new IllegalArgumentException("k = " + k + " clusters need at least k points, got " + n);
        float[] x = data.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) throw new IllegalArgumentException("data value at row " + (i / dim) + ", column " + (i % dim) + " is not finite");
        }
        if (spherical) for (int i = 0; i < n; i++) normalise(x, i * dim, dim);
        return x;
    }

    /** k-means++: first centre uniform, then each next ∝ D(x) to the nearest chosen centre. */
    private float[] seedPlusPlus(float[] x, int n, int dim) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] c = new float[k * dim];
        double[] dist = new double[n];
        int first = rnd.nextInt(n);
        System.arraycopy(x, first * dim, c, 0, dim);
        for (int i = 0; i < n; i++) dist[i] = divergence(x, i * dim, c, 0, dim);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) total += dist[i];
            int pick;
            if (total > 0) {
                double u = rnd.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += dist[i];
                    if (acc > u && dist[i] > 0) {
                        pick = i;
                        break;
                    }
                }
                while (dist[pick] == 0 && pick > 0) pick--; // rounding at the end of the scan
            } else {
                pick = rnd.nextInt(n); // all points coincide with chosen centres
            }
            System.arraycopy(x, pick * dim, c, j * dim, dim);
            for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], divergence(x, i * dim, c, j * dim, dim));
        }
        return c;
    }

    private KMeansResult lloyd(float[] x, int n, int dim, float[] c) {
        Metric metric = spherical ? Metric.COSINE : Metric.L2;
        KnnIndex index = new KnnIndex(c, dim, metric);
        int[] assign = new int[n];
        double[] dist = new double[n];
        double[] history = new double[maxIter + 1];
        double shiftTol = tol * meanVariance(x, n, dim);
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        int it = 0;
        boolean converged = false;
        int[] previous = null;
        while (it < maxIter) {
            double inertia = assign(index, x, n, assign, dist);
            history[it] = inertia;
            it++;
            if (previous != null && Arrays.equals(previous, assign)) {
                converged = true;
                break;
            }
            previous = assign.clone();
            // update step
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int a = assign[i];
                counts[a]++;
                int xo = i * dim, so = a * dim;
                for (int t = 0; t < dim; t++) sums[so + t] += x[xo + t];
            }
            float[] next = new float[k * dim];
            for (int j = 0; j < k; j++) {
                if (counts[j] == 0) continue;
                for (int t = 0; t < dim; t++) next[j * dim + t] = (float) (sums[j * dim + t] / counts[j]);
                if (spherical) normalise(next, j * dim, dim);
            }
            reseedEmpty(x, dim, counts, dist, next);
            double shift = 0;
            for (int i = 0; i < next.length; i++) {
                double diff = (double) next[i] - c[i];
                shift += diff * diff;
            }
            c = next;
            index.refresh(c);
            if (shift <= shiftTol) {
                converged = true;
                break;
            }
        }
        double inertia = assign(index, x, n, assign, dist);
        history[it] = inertia;
        return new KMeansResult(c, k, dim, assign, inertia, it, converged, Arrays.copyOf(history, it + 1));
    }

    /** Empty clusters take the points farthest from their own centroid, each point at most once. */
    private void reseedEmpty(float[] x, int dim, int[] counts, double[] dist, float[] next) {
        boolean[] used = null;
        for (int j = 0; j < k; j++) {
            if (counts[j] != 0) continue;
            if (used == null) used = new boolean[dist.length];
            int far = -1;
            for (int i = 0; i < dist.length; i++) {
                if (!used[i] && (far < 0 || dist[i] > dist[far])) far = i;
            }
            used[far] = true;
            System.arraycopy(x, far * dim, next, j * dim, dim);
        }
    }

    /** Nearest centroid of every point; returns the objective. dist[i] = divergence of point i to its centroid. */
    private static double assign(KnnIndex index, float[] x, int n, int[] assign, double[] dist) {
        TopK top = index.search(x, 1);
        boolean cosine = index.metric() == Metric.COSINE;
        double total = 0;
        for (int i = 0; i < n; i++) {
            assign[i] = top.ids()[i][0];
            double s = top.scores()[i][0];
            double v = cosine ? Math.max(0, 1 - s) : s * s;
            dist[i] = v;
            total += v;
        }
        return total;
    }

    private double divergence(float[] x, int xo, float[] c, int co, int dim) {
        double acc = 0;
        if (spherical) {
            for (int t = 0; t < dim; t++) acc += (double) x[xo + t] * c[co + t];
            return Math.max(0, 1 - acc);
        }
        for (int t = 0; t < dim; t++) {
            double diff = (double) x[xo + t] - c[co + t];
            acc += diff * diff;
        }
        return acc;
    }

    private static double meanVariance(float[] x, int n, int dim) {
        double total = 0;
        for (int t = 0; t < dim; t++) {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i * dim + t];
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double diff = x[i * dim + t] - mean;
                var += diff * diff;
            }
            total += var / n;
        }
        return total / dim;
    }

    private static void normalise(float[] a, int off, int len) {
        double sq = 0;
        for (int t = 0; t < len; t++) sq += (double) a[off + t] * a[off + t];
        if (sq == 0) return;
        double inv = 1.0 / Math.sqrt(sq);
        for (int t = 0; t < len; t++) a[off + t] = (float) (a[off + t] * inv);
    }
}
