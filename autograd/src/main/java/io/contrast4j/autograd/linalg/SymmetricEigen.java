package io.contrast4j.autograd.linalg;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (double precision).
 * Shared by the metrics (singular values for RankMe M10, the pseudo-inverse in NC1 M11) and the samplers (the
 * CUR pseudo-inverse of S219); kept here, in the lowest module, so there is one solver.
 *
 * @param values  eigenvalues, descending
 * @param vectors column j of this row-major matrix is the unit eigenvector of {@code values[j]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length + " entries, expected " + n);
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                total += a[i][j] * a[i][j];
                if (i != j) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(total, Double.MIN_NORMAL)) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = a[i][i];
        int[] o = orderDesc(d);
        double[] vals = new double[n];
        double[][] vecs = new double[n][n];
        for (int j = 0; j < n; j++) {
            vals[j] = d[o[j]];
            for (int i = 0; i < n; i++) vecs[i][j] = v[i][o[j]];
        }
        return new SymmetricEigen(vals, vecs);
    }

    /** Singular values of an N x D matrix (descending, length min(N, D)) via the smaller Gram matrix. */
    public static double[] singularValues(float[][] z) {
        int n = z.length, d = n == 0 ? 0 : z[0].length;
        boolean rows = n <= d;
        int m = Math.min(n, d);
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = 0;
                if (rows) for (int k = 0; k < d; k++) s += (double) z[i][k] * z[j][k];
                else for (int k = 0; k < n; k++) s += (double) z[k][i] * z[k][j];
                g[i][j] = g[j][i] = s;
            }
        }
        double[] ev = of(g).values();
        double[] sv = new double[m];
        for (int i = 0; i < m; i++) sv[i] = Math.sqrt(Math.max(0, ev[i]));
        return sv;
    }

    /** Indices of {@code v} by value, descending; ties by lower index. */
    private static int[] orderDesc(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(v[y], v[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = idx[i];
        return out;
    }
}
