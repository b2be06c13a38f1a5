package io.contrast4j.trainer.metrics;

import java.util.SplittableRandom;

/**
 * Seeded k-means: k-means++ initialisation (Arthur &amp; Vassilvitskii 2007) then Lloyd iterations until the
 * assignment is stable or {@code maxIterations}. Squared Euclidean distance, double precision; a point goes to the
 * lowest-index nearest centre; an empty cluster is re-seeded with the point farthest from its centre. Used by the
 * NMI/AMI of M02 (PML clusters with faiss k-means; results agree up to the local optimum found).
 */
public final class SimpleKMeans {
    private SimpleKMeans() {
    }

    /** @return the cluster index in [0, k) of each row */
    public static int[] cluster(float[][] x, int k, long seed, int maxIterations) {
        int n = x.length;
        if (k <= 0) throw new IllegalArgumentException("k must be > 0, got " + k);
        if (n == 0) return new int[0];
        if (k > n) throw new IllegalArgumentException("k = " + k + " exceeds the number of points " + n);
        int d = x[0].length;
        double[][] c = new double[k][d];
        SplittableRandom rnd = new SplittableRandom(seed);
        // k-means++
        double[] dist = new double[n];
        copy(x[rnd.nextInt(n)], c[0]);
        for (int i = 0; i < n; i++) dist[i] = sq(x[i], c[0]);
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (double v : dist) total += v;
            int pick;
            if (total <= 0) {
                pick = rnd.nextInt(n);
            } else {
                double u = rnd.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    u -= dist[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            copy(x[pick], c[m]);
            for (int i = 0; i < n; i++) dist[i] = Math.min(dist[i], sq(x[i], c[m]));
        }
        int[] a = new int[n];
        java.util.Arrays.fill(a, -1);
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = sq(x[i], c[0]);
                for (int m = 1; m < k; m++) {
                    double v = sq(x[i], c[m]);
                    if (v < bd) {
                        bd = v;
                        best = m;
                    }
                }
                dist[i] = bd;
                if (a[i] != best) {
                    a[i] = best;
                    changed = true;
                }
            }
            if (!changed) break;
            double[][] sum = new double[k][d];
            int[] cnt = new int[k];
            for (int i = 0; i < n; i++) {
                cnt[a[i]]++;
                for (int j = 0; j < d; j++) sum[a[i]][j] += x[i][j];
            }
            for (int m = 0; m < k; m++) {
                if (cnt[m] == 0) {
                    int far = 0;
                    for (int i = 1; i < n; i++) if (dist[i] > dist[far]) far = i;
                    copy(x[far], c[m]);
                    dist[far] = 0;
                    a[far] = -1; // force reassignment next round
                } else {
                    for (int j = 0; j < d; j++) c[m][j] = sum[m][j] / cnt[m];
                }
            }
        }
        // final assignment against the last centres (also covers points marked by an empty-cluster re-seed)
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bd = sq(x[i], c[0]);
            for (int m = 1; m < k; m++) {
                double v = sq(x[i], c[m]);
                if (v < bd) {
                    bd = v;
                    best = m;
                }
            }
            a[i] = best;
        }
        return a;
    }

    private static void copy(float[] src, double[] dst) {
        for (int j = 0; j < src.length; j++) dst[j] = src[j];
    }

    private static double sq(float[] p, double[] c) {
        double s = 0;
        for (int j = 0; j < c.length; j++) {
            double t = p[j] - c[j];
            s += t * t;
        }
        return s;
    }
}
