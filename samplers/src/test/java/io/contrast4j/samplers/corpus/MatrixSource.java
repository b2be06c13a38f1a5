package io.contrast4j.samplers.corpus;

import java.util.Arrays;

/** Test helper: a candidate source over a fixed Q x N score matrix (ties by lower id). */
final class MatrixSource implements CandidateSource {
    private final double[][] s;

    MatrixSource(double[][] s) {
        this.s = s;
    }

    static MatrixSource random(io.contrast4j.autograd.Rng rng, int q, int n) {
        double[][] s = new double[q][n];
        for (double[] row : s) for (int j = 0; j < n; j++) row[j] = 2 * rng.nextDouble() - 1;
        return new MatrixSource(s);
    }

    @Override
    public int numQueries() {
        return s.length;
    }

    @Override
    public int corpusSize() {
        return s.length == 0 ? 0 : s[0].length;
    }

    @Override
    public Ranked candidates(int from, int to, int k, int[][] exclude) {
        int nq = to - from;
        int[][] ids = new int[nq][];
        double[][] sc = new double[nq][];
        for (int q = 0; q < nq; q++) {
            double[] row = s[from + q];
            int[] ex = exclude == null || exclude[q] == null ? new int[0] : exclude[q];
            Integer[] order = new Integer[row.length];
            int m = 0;
            for (int j = 0; j < row.length; j++) {
                int jj = j;
                if (Arrays.stream(ex).noneMatch(e -> e == jj)) order[m++] = j;
            }
            Integer[] kept = Arrays.copyOf(order, m);
            Arrays.sort(kept, (a, b) -> row[a] != row[b] ? Double.compare(row[b], row[a]) : Integer.compare(a, b));
            int t = Math.min(k, m);
            ids[q] = new int[t];
            sc[q] = new double[t];
            for (int i = 0; i < t; i++) {
                ids[q][i] = kept[i];
                sc[q][i] = row[kept[i]];
            }
        }
        return new Ranked(ids, sc);
    }

    @Override
    public double score(int query, int doc) {
        return s[query][doc];
    }
}
