package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.dot;
import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand values for L117 (AMCL), L119 (constructed negatives) and L120 (Norton). */
class ContrastiveGapTest {

    static double cos(double[] a, double[] b) {
        return dot(unit(a), unit(b));
    }

    static LossInputs three(double[][] a, double[][] p, double[][][] n) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, Tensor.fromArray(a));
        m.put(InfoNce.POSITIVES, Tensor.fromArray(p));
        if (n != null) {
            int b = n.length, k = n[0].length, d = n[0][0].length;
            double[] flat = new double[b * k * d];
            for (int i = 0; i < b; i++) for (int j = 0; j < k; j++) System.arraycopy(n[i][j], 0, flat, (i * k + j) * d, d);
            m.put(InfoNce.NEGATIVES, Tensor.of(flat, b, k, d));
        }
        return LossInputs.of(m);
    }

    @Test
    void constructedNegativesIgcAndInBatchHandValues() {
        double[][] a = {{1, 0.2}, {-0.3, 1}}, p = {{0.9, 0.4}, {0.1, 1}};
        double[][][] n = {{{0.2, 1}, {1, -0.5}}, {{-1, 0.3}, {0.5, 0.5}}};
        double s = 4, igc = 0, mm = 0;
        for (int i = 0; i < 2; i++) {
            double own = 0;
            for (double[] nk : n[i]) own += Math.exp(s * cos(a[i], nk));
            double pos = s * cos(a[i], p[i]);
            igc += (Math.log(Math.exp(pos) + own) - pos) / 2;
            double batch = 0;
            for (double[] pj : p) batch += Math.exp(s * cos(a[i], pj));
            mm += (Math.log(batch + own) - pos) / 2;
        }
        assertEquals(igc, ConstructedNegativeInfoNceLoss.fromParams(Params.of(Map.of("scale", "4"))).compute(three(a, p, n)).item(), 1e-12);
        assertEquals(mm, ConstructedNegativeInfoNceLoss.fromParams(Params.of(Map.of("scale", "4", "in_batch", "true"))).compute(three(a, p, n)).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ConstructedNegativeInfoNceLoss.fromParams(Params.empty()).compute(three(a, p, null)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void perturbSwapsTwoDifferentTokens(long seed) {
        int[] t = {4, 9, 4, 7, 2};
        int[][] neg = ConstructedNegativeInfoNceLoss.perturb(t, 3, new Rng(seed));
        for (int[] x : neg) {
            int diff = 0;
            for (int i = 0; i < t.length; i++) if (x[i] != t[i]) diff++;
            assertEquals(2, diff, "seed " + seed + ": " + Arrays.toString(x));
            int[] a = x.clone(), b = t.clone();
            Arrays.sort(a);
            Arrays.sort(b);
            assertEquals(Arrays.toString(b), Arrays.toString(a), "seed " + seed + ": same multiset");
        }
        assertThrows(IllegalArgumentException.class, () -> ConstructedNegativeInfoNceLoss.perturb(new int[]{3, 3}, 1, new Rng(seed)));
    }

    /** φ(x) = relu(x W1 + b1) W2 + b2 in plain doubles. */
    static double[] phi(double[] x, double[] w1, double[] b1, double[] w2, double[] b2, int d, int h) {
        double[] hid = new double[h], out = new double[d];
        for (int j = 0; j < h; j++) {
            double s = b1[j];
            for (int i = 0; i < d; i++) s += x[i] * w1[i * h + j];
            hid[j] = Math.max(0, s);
        }
        for (int j = 0; j < d; j++) {
            double s = b2[j];
            for (int i = 0; i < h; i++) s += hid[i] * w2[i * d + j];
            out[j] = s;
        }
        return out;
    }

    @Test
    void amclHandValue() {
        int b = 3, h = 2, d = 2, hid = 3, k = 2;
        double beta = 0.05, tmin = 0.1, tmax = 2;
        AmclLoss loss = AmclLoss.fromParams(Params.of(Map.of("dim", "2", "hidden", "3", "beta", "0.05", "tau_min", "0.1", "topk", "2", "seed", "5")));
        double[] w1 = loss.parameters().get(0).toDoubleArray(), b1 = loss.parameters().get(1).toDoubleArray(),
                w2 = loss.parameters().get(2).toDoubleArray(), b2 = loss.parameters().get(3).toDoubleArray();
        double[][][] z1 = {{{1, 0.2}, {0.3, -1}}, {{-0.5, 1}, {1, 1}}, {{0.7, -0.8}, {-1, 0.1}}};
        double[][][] z2 = {{{0.9, 0.5}, {0.2, -0.7}}, {{-0.2, 1.1}, {0.6, 1.3}}, {{0.4, -1}, {-0.9, -0.4}}};
        double total = 0;
        for (int hh = 0; hh < h; hh++) {
            double[][] v1 = new double[b][], v2 = new double[b][];
            for (int i = 0; i < b; i++) {
                v1[i] = unit(z1[i][hh]);
                v2[i] = unit(z2[i][hh]);
            }
            double dirs = 0;
            for (int dir = 0; dir < 2; dir++) {
                double[][] an = dir == 0 ? v1 : v2, po = dir == 0 ? v2 : v1;
                double sum = 0;
                for (int i = 0; i < b; i++) {
                    double[] pa = phi(an[i], w1, b1, w2, b2, d, hid);
                    double tp = tmin + (tmax - tmin) / (1 + Math.exp(dot(pa, phi(po[i], w1, b1, w2, b2, d, hid))));
                    // negatives: the other anchors' views of both kinds, the k most similar
                    double[][] cand = new double[2 * b - 2][];
                    int c = 0;
                    for (int j = 0; j < b; j++) if (j != i) cand[c++] = an[j];
                    for (int j = 0; j < b; j++) if (j != i) cand[c++] = po[j];
                    Integer[] ord = new Integer[cand.length];
                    for (int q = 0; q < ord.length; q++) ord[q] = q;
                    final double[] ai = an[i];
                    final double[][] cc = cand;
                    Arrays.sort(ord, (x, y) -> Double.compare(dot(ai, cc[y]), dot(ai, cc[x])));
                    double neg = 0, reg = 0;
                    for (int q = 0; q < k; q++) {
                        double[] nk = cand[ord[q]];
                        double tn = tmin + (tmax - tmin) / (1 + Math.exp(dot(pa, phi(nk, w1, b1, w2, b2, d, hid))));
                        neg += dot(ai, nk) / tn / k;
                        reg += Math.log(tn) + 1 / tn;
                    }
                    sum += -dot(ai, po[i]) / tp + neg + beta * (d / 2.0 * Math.log(tp) + 1 / tp) - beta * reg;
                }
                dirs += sum / b / 2;
            }
            total += dirs;
        }
        double[] f1 = new double[b * h * d], f2 = new double[b * h * d];
        for (int i = 0; i < b; i++) for (int hh = 0; hh < h; hh++) for (int j = 0; j < d; j++) {
            f1[(i * h + hh) * d + j] = z1[i][hh][j];
            f2[(i * h + hh) * d + j] = z2[i][hh][j];
        }
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.of(f1, b, h, d), InfoNce.POSITIVES, Tensor.of(f2, b, h, d)));
        assertEquals(total, loss.compute(in).item(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> AmclLoss.fromParams(Params.empty()));
    }

    /** Log-domain Sinkhorn in plain doubles, returning exp(Z + u + v − norm). */
    static double[][] sinkhorn(double[][] z, double[] logMu, double[] logNu, int iters, double norm) {
        int r = z.length, c = z[0].length;
        double[] u = new double[r], v = new double[c];
        for (int it = 0; it < iters; it++) {
            for (int i = 0; i < r; i++) {
                double s = 0;
                for (int j = 0; j < c; j++) s += Math.exp(z[i][j] + v[j]);
                u[i] = logMu[i] - Math.log(s);
            }
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int i = 0; i < r; i++) s += Math.exp(z[i][j] + u[i]);
                v[j] = logNu[j] - Math.log(s);
            }
        }
        double[][] q = new double[r][c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) q[i][j] = Math.exp(z[i][j] + u[i] + v[j] - norm);
        return q;
    }

    static double softCe(double[][] logits, double[][] target) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double z = 0;
            for (double x : logits[i]) z += Math.exp(x);
            for (int j = 0; j < logits.length; j++) total -= target[i][j] * (logits[i][j] - Math.log(z));
        }
        return total / logits.length;
    }

    @Test
    void nortonHandValue() {
        double[][] v = {{1, 0.2}, {0.3, 1}, {-0.5, 0.4}, {0.8, -0.6}}, t = {{0.9, 0.1}, {0.2, 1.2}, {-0.4, -0.3}, {1, -0.4}};
        int n = 4, l = 2, iters = 30;
        double beta = 0.3, eps = 0.2, ratio = 0.5, w = 0.4;
        // clip level
        double[][] s = new double[n][n], st = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            s[i][j] = dot(v[i], t[j]);
            st[j][i] = s[i][j];
        }
        double norm = -Math.log(2.0 * n);
        double[] mu = new double[n];
        Arrays.fill(mu, norm);
        double[][] q = sinkhorn(s, mu, mu, iters, norm);
        double[][] tv = new double[n][n], tt = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            tv[i][j] = beta * q[i][j] + (i == j ? 1 - beta : 0);
            tt[i][j] = beta * q[j][i] + (i == j ? 1 - beta : 0);
        }
        double clip = softCe(s, tv) + softCe(st, tt);
        // video level: min-max normalised caption x clip cosine
        double[][] c = new double[n][n];
        double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            c[i][j] = cos(t[i], v[j]);
            mn = Math.min(mn, c[i][j]);
            mx = Math.max(mx, c[i][j]);
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) c[i][j] = (c[i][j] - mn) / (mx - mn);
        double[] dg = new double[n];
        for (int i = 0; i < n; i++) dg[i] = c[i][i];
        Arrays.sort(dg);
        double p = dg[(int) (ratio * n) - 1];
        double ln = -Math.log(2.0 * l);
        double[] lm = {ln, ln, Math.log(l) + ln};
        int nv = n / l;
        double[][] logits = new double[nv][nv], logitsT = new double[nv][nv];
        for (int a = 0; a < nv; a++) for (int b = 0; b < nv; b++) {
            double[][] z = new double[l + 1][l + 1];
            for (int i = 0; i <= l; i++) for (int j = 0; j <= l; j++) z[i][j] = (i < l && j < l ? c[a * l + i][b * l + j] : p) / eps;
            double[][] plan = sinkhorn(z, lm, lm, iters, ln);
            double mass = 0, sum = 0;
            for (int i = 0; i < l; i++) for (int j = 0; j < l; j++) mass += plan[i][j];
            for (int i = 0; i < l; i++) for (int j = 0; j < l; j++) sum += plan[i][j] * l / mass * c[a * l + i][b * l + j];
            logits[a][b] = sum / 0.07;
            logitsT[b][a] = logits[a][b];
        }
        double[][] eye = {{1, 0}, {0, 1}};
        double video = softCe(logits, eye) + softCe(logitsT, eye);
        NortonLoss loss = NortonLoss.fromParams(Params.of(Map.of("seq_len", "2", "iterations", "30", "epsilon", "0.2", "prompt_ratio", "0.5", "sequence_weight", "0.4", "dtype", "F64")));
        LossInputs in = three(v, t, null);
        assertEquals(clip + w * video, loss.compute(in).item(), 1e-9);
        // the clip plan is doubly stochastic after enough iterations
        double[] qq = loss.clipPlan(Tensor.fromArray(s)).toDoubleArray();
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) r += qq[i * n + j];
            assertEquals(1, r, 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> loss.compute(three(new double[][]{{1, 0}, {0, 1}, {1, 1}}, new double[][]{{1, 0}, {0, 1}, {1, 1}}, null)));
    }
}
