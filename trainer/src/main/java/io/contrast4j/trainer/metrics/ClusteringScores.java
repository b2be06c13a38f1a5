package io.contrast4j.trainer.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Normalised and adjusted mutual information between two labelings, as scikit-learn computes them with
 * {@code average_method="arithmetic"} (natural logs). NMI = MI / ((H(U)+H(V))/2); AMI = (MI − E[MI]) /
 * ((H(U)+H(V))/2 − E[MI]) with E[MI] under the hypergeometric (permutation) model (Vinh et al. 2010).
 * Special cases follow scikit-learn: both labelings with one (or zero) cluster → 1; NMI with MI = 0 → 0;
 * the AMI denominator is kept at least machine epsilon away from 0.
 */
public final class ClusteringScores {
    private ClusteringScores() {
    }

    public static double nmi(int[] a, int[] b) {
        Table t = new Table(a, b);
        if (t.trivial()) return 1.0;
        double mi = t.mutualInformation();
        if (mi == 0) return 0.0;
        return mi / ((t.entropy(t.rowSums) + t.entropy(t.colSums)) / 2);
    }

    public static double ami(int[] a, int[] b) {
        Table t = new Table(a, b);
        if (t.trivial()) return 1.0;
        double mi = t.mutualInformation();
        double emi = t.expectedMutualInformation();
        double norm = (t.entropy(t.rowSums) + t.entropy(t.colSums)) / 2;
        double den = norm - emi;
        double eps = Math.ulp(1.0);
        den = den < 0 ? Math.min(den, -eps) : Math.max(den, eps);
        return (mi - emi) / den;
    }

    private static final class Table {
        final int n;
        final int[][] counts;
        final int[] rowSums;
        final int[] colSums;

        Table(int[] a, int[] b) {
            if (a.length != b.length) throw new IllegalArgumentException("labelings differ in length: " + a.length + " vs " + b.length);
            n = a.length;
            Map<Integer, Integer> ra = index(a), rb = index(b);
            counts = new int[ra.size()][rb.size()];
            rowSums = new int[ra.size()];
            colSums = new int[rb.size()];
            for (int i = 0; i < n; i++) {
                int r = ra.get(a[i]), c = rb.get(b[i]);
                counts[r][c]++;
                rowSums[r]++;
                colSums[c]++;
            }
        }

        private static Map<Integer, Integer> index(int[] v) {
            Map<Integer, Integer> m = new HashMap<>();
            for (int x : v) m.putIfAbsent(x, m.size());
            return m;
        }

        boolean trivial() {
            return rowSums.length == colSums.length && rowSums.length <= 1;
        }

        double entropy(int[] sums) {
            double h = 0;
            for (int s : sums) if (s > 0) h -= (double) s / n * Math.log((double) s / n);
            return h;
        }

        double mutualInformation() {
            double mi = 0;
            for (int r = 0; r < counts.length; r++) {
                for (int c = 0; c < counts[r].length; c++) {
                    int nij = counts[r][c];
                    if (nij == 0) continue;
                    mi += (double) nij / n * Math.log((double) n * nij / ((double) rowSums[r] * colSums[c]));
                }
            }
            return Math.max(mi, 0);
        }

        double expectedMutualInformation() {
            double[] lf = Stats.logFactorials(n);
            double emi = 0;
            for (int ai : rowSums) {
                for (int bj : colSums) {
                    int lo = Math.max(1, ai + bj - n), hi = Math.min(ai, bj);
                    for (int nij = lo; nij <= hi; nij++) {
                        double term = (double) nij / n * Math.log((double) n * nij / ((double) ai * bj));
                        double logP = lf[ai] + lf[bj] + lf[n - ai] + lf[n - bj]
                                - lf[n] - lf[nij] - lf[ai - nij] - lf[bj - nij] - lf[n - ai - bj + nij];
                        emi += term * Math.exp(logP);
                    }
                }
            }
            return emi;
        }
    }
}
