package io.contrast4j.trainer.report;

import io.contrast4j.autograd.Rng;

/**
 * Principal components of a point cloud by power iteration with deflation (deterministic for a seed):
 * the top {@code k} directions of the centred covariance, and the projections onto them.
 */
public final class Pca {
    private Pca() {
    }

    /** Projects {@code x} (n x d) onto its top {@code k} principal components; returns n x k. */
    public static double[][] project(float[][] x, int k, long seed) {
        int n = x.length, d = n == 0 ? 0 : x[0].length;
        if (k > d) throw new IllegalArgumentException("PCA: k=" + k + " exceeds dimension " + d);
        double[] mean = new double[d];
        for (float[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / (double) n;
        double[][] c = new double[d][d];
        for (float[] r : x) {
            for (int i = 0; i < d; i++) {
                double a = r[i] - mean[i];
                for (int j = i; j < d; j++) c[i][j] += a * (r[j] - mean[j]);
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) c[i][j] = c[j][i];
        double[][] comps = new double[k][];
        Rng rng = new Rng(seed);
        for (int p = 0; p < k; p++) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) v[j] = rng.nextGaussian();
            for (int it = 0; it < 200; it++) {
                double[] w = new double[d];
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += c[i][j] * v[j];
                    w[i] = s;
                }
                for (int q = 0; q < p; q++) { // deflate: stay orthogonal to earlier components
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += w[j] * comps[q][j];
                    for (int j = 0; j < d; j++) w[j] -= dot * comps[q][j];
                }
                double norm = 0;
                for (double a : w) norm += a * a;
                norm = Math.sqrt(norm);
                if (norm == 0) break;
                for (int j = 0; j < d; j++) v[j] = w[j] / norm;
            }
            comps[p] = v;
        }
        double[][] out = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += (x[i][j] - mean[j]) * comps[p][j];
                out[i][p] = s;
            }
        }
        return out;
    }
}
