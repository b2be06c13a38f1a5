package io.contrast4j.samplers.batch;

import java.util.Arrays;

/**
 * S010 · Aioli online data-group mixing controller (Chen et al. 2024, <i>Aioli: A Unified Optimization Framework for
 * Language Model Data Mixing</i>). Linear dynamic mixing law: L_i^{t+1} ≈ L_i^t − Σ_j A_ij p_j. Each update round
 * runs m probe phases (one per group j, repeated {@code rounds} times): the trainer trains a few steps with the
 * perturbed proportions {@link #probeProportions(int)} (f on group j, (1−f)/(m−1) elsewhere) and reports the per-group
 * losses before and after ({@link #reportProbe}); the loss drops fill column j of the graph G. After the probes,
 * {@link #update()} averages G over rounds, recovers A row by row from G_i = W A_i (W's row j = probe j's proportions;
 * A = G when f = 1) and applies the exponentiated-gradient step p ← p ⊙ exp(η Σ_i A_ij), normalised.
 * Rule checked against the Aioli implementation in mixtera ({@code AioliDynamicMixing}: graph[:, j] += prev − loss,
 * {@code np.linalg.solve(weight_matrix, row)}, {@code weights * exp(eta * graph.sum(axis=0))}). Defaults: η = 0.1,
 * one_hot_factor f = 1, rounds 1, initial proportions uniform. Deterministic (no randomness). Not thread-safe.
 */
public final class AioliMixing {
    private final int m;
    private final double eta, factor;
    private final int rounds;
    private final double[] p;
    private final double[][] graph;
    private final int[] probes;

    public AioliMixing(int groups, double eta, double oneHotFactor, int rounds) {
        if (groups < 1) throw new IllegalArgumentException("S010: parameter 'groups' must be >= 1, got " + groups);
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("S010: parameter 'eta' must be > 0, got " + eta);
        if (!(oneHotFactor > 0 && oneHotFactor <= 1)) throw new IllegalArgumentException("S010: parameter 'one_hot_factor' must be in (0, 1], got " + oneHotFactor);
        if (groups > 1 && oneHotFactor < 1 && Math.abs(oneHotFactor - 1.0 / groups) < 1e-9) {
            throw new IllegalArgumentException("S010: parameter 'one_hot_factor' must differ from 1/groups (probes would be identical)");
        }
        if (rounds < 1) throw new IllegalArgumentException("S010: parameter 'rounds' must be >= 1, got " + rounds);
        this.m = groups;
        this.eta = eta;
        this.factor = oneHotFactor;
        this.rounds = rounds;
        this.p = new double[groups];
        Arrays.fill(p, 1.0 / groups);
        this.graph = new double[groups][groups];
        this.probes = new int[groups];
    }

    public AioliMixing(int groups) {
        this(groups, 0.1, 1, 1);
    }

    public int groups() {
        return m;
    }

    /** Current group proportions (a copy; sums to 1). */
    public double[] proportions() {
        return p.clone();
    }

    /** Proportions to train with while probing group j: f on j, (1−f)/(m−1) on the others (f alone when m = 1). */
    public double[] probeProportions(int group) {
        checkGroup(group);
        double[] q = new double[m];
        if (m == 1) {
            q[0] = 1;
            return q;
        }
        Arrays.fill(q, (1 - factor) / (m - 1));
        q[group] = factor;
        return q;
    }

    /** Records a probe of {@code group}: per-group losses measured before and after the probe steps (G[i][j] += before_i − after_i). */
    public void reportProbe(int group, double[] lossesBefore, double[] lossesAfter) {
        checkGroup(group);
        check("lossesBefore", lossesBefore);
        check("lossesAfter", lossesAfter);
        if (probes[group] >= rounds) throw new IllegalArgumentException("S010: group " + group + " already probed " + rounds + " time(s) this round (call update())");
        for (int i = 0; i < m; i++) graph[i][group] += lossesBefore[i] - lossesAfter[i];
        probes[group]++;
    }

    /** Whether every group has been probed {@code rounds} times since the last update. */
    public boolean readyToUpdate() {
        for (int c : probes) if (c < rounds) return false;
        return true;
    }

    /** The estimated interaction matrix A from the probes so far (rows: affected group, columns: trained group). */
    public double[][] interactions() {
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) g[i][j] = graph[i][j] / rounds;
        if (factor == 1 || m == 1) {
            if (m == 1) g[0][0] /= factor;
            return g;
        }
        double[][] w = new double[m][];
        for (int j = 0; j < m; j++) w[j] = probeProportions(j);
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) a[i] = solve(w, g[i]);
        return a;
    }

    /** Exponentiated-gradient step p ← p ⊙ exp(η Σ_i A_ij), normalised; clears the probes. Returns the new proportions. */
    public double[] update() {
        if (!readyToUpdate()) throw new IllegalArgumentException("S010: update() needs every group probed " + rounds + " time(s), got " + Arrays.toString(probes));
        double[][] a = interactions();
        double[] logp = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double col = 0;
            for (int i = 0; i < m; i++) col += a[i][j];
            logp[j] = Math.log(p[j]) + eta * col;
            max = Math.max(max, logp[j]);
        }
        double z = 0;
        for (int j = 0; j < m; j++) z += p[j] = Math.exp(logp[j] - max);
        for (int j = 0; j < m; j++) p[j] /= z;
        for (double[] row : graph) Arrays.fill(row, 0);
        Arrays.fill(probes, 0);
        return p.clone();
    }

    private void checkGroup(int g) {
        if (g < 0 || g >= m) throw new IllegalArgumentException("S010: parameter 'group' must be in [0, " + m + "), got " + g);
    }

    private void check(String name, double[] v) {
        if (v == null || v.length != m) throw new IllegalArgumentException("S010: " + name + " must hold " + m + " per-group losses, got " + (v == null ? "null" : v.length));
        for (int i = 0; i < m; i++) if (!Double.isFinite(v[i])) throw new IllegalArgumentException("S010: " + name + "[" + i + "] is not finite (" + v[i] + ")");
    }

    /** Solves W x = b by Gaussian elimination with partial pivoting (W is m x m, well conditioned when f ≠ 1/m). */
    static double[] solve(double[][] w, double[] b) {
        int n = b.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(w[i], 0, a[i], 0, n);
            a[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (Math.abs(a[c][c]) < 1e-14) throw new IllegalArgumentException("S010: probe proportions are singular");
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = a[i][n] / a[i][i];
        return x;
    }
}
