package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.contrast4j.losses.proxy.MarginHeadsTest.ce;
import static io.contrast4j.losses.proxy.MarginHeadsTest.cos;
import static io.contrast4j.losses.proxy.MarginHeadsTest.withWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values and properties of L040–L044, L053–L055. */
class ProxyLossesTest {
    static final double[][] X = {{1, 0.2}, {0.8, 0.6}, {-0.5, 1}, {-1, -0.3}};
    static final int[] Y = {0, 0, 1, 1};
    static final double[][] P = {{1, 0}, {-0.2, 1}};

    static double sqDist(double[] a, double[] b) {
        return 2 - 2 * cos(a, b); // ‖â − b̂‖²
    }

    static double lse(double... v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        double s = 0;
        for (double x : v) s += Math.exp(x - m);
        return m + Math.log(s);
    }

    @Test
    void ncaByHand() {
        // labels 0,0,1: row 2 has no positive and is dropped
        double[][] x = {X[0], X[1], X[2]};
        double l0 = -Math.log(Math.exp(-sqDist(x[0], x[1])) / (Math.exp(-sqDist(x[0], x[1])) + Math.exp(-sqDist(x[0], x[2]))));
        double l1 = -Math.log(Math.exp(-sqDist(x[1], x[0])) / (Math.exp(-sqDist(x[1], x[0])) + Math.exp(-sqDist(x[1], x[2]))));
        double got = new NCALoss().compute(LossInputs.of(Tensor.fromArray(x), new int[]{0, 0, 1})).item();
        assertEquals((l0 + l1) / 2, got, 1e-9);
        // PML miner weights: a tuple naming sample 0 twice and sample 1 once weighs row 1 by 1/2
        IndicesTuple t = IndicesTuple.pairs(new int[]{0}, new int[]{1}, new int[]{0}, new int[]{2});
        double w = new NCALoss().compute(LossInputs.of(Tensor.fromArray(x), new int[]{0, 0, 1}).withMined(t)).item();
        assertEquals((l0 + 0.5 * l1) / 2, w, 1e-9);
    }

    @Test
    void proxyNcaAndProxyAnchorByHand() {
        double nca = 0;
        for (int i = 0; i < 4; i++) nca += (lse(-sqDist(X[i], P[0]), -sqDist(X[i], P[1])) + sqDist(X[i], P[Y[i]])) / 4;
        assertEquals(nca, withWeights(new ProxyNCALoss(2, 2, 1, DType.F64, 1), P).compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-9);

        double alpha = 32, delta = 0.1, pos = 0, neg = 0;
        for (int c = 0; c < 2; c++) {
            double sp = 0, sn = 0;
            for (int i = 0; i < 4; i++) {
                double s = cos(X[i], P[c]);
                if (Y[i] == c) sp += Math.exp(-alpha * (s - delta));
                else sn += Math.exp(alpha * (s + delta));
            }
            pos += Math.log(1 + sp) / 2; // both proxies have positives
            neg += Math.log(1 + sn) / 2;
        }
        ProxyAnchorLoss pa = withWeights(new ProxyAnchorLoss(2, 2, delta, alpha, DType.F64, 1), P);
        assertEquals(pos + neg, pa.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-8);
        // a proxy without positives contributes nothing to the positive term: |P+| = 1
        double pos1 = 0, neg1 = 0;
        for (int c = 0; c < 2; c++) {
            double sp = 0, sn = 0;
            for (int i = 0; i < 2; i++) {
                double s = cos(X[i], P[c]);
                if (c == 0) sp += Math.exp(-alpha * (s - delta));
                else sn += Math.exp(alpha * (s + delta));
            }
            pos1 += Math.log(1 + sp);
            neg1 += Math.log(1 + sn) / 2;
        }
        assertEquals(pos1 + neg1, pa.compute(LossInputs.of(Tensor.fromArray(new double[][]{X[0], X[1]}), new int[]{0, 0})).item(), 1e-8);
    }

    @Test
    void softTripleByHand() {
        double[][] centres = {{1, 0}, {0.7, 0.7}, {-0.2, 1}, {-1, -1}}; // class 0: rows 0,1; class 1: rows 2,3
        double la = 20, gamma = 0.1, delta = 0.01, expected = 0;
        for (int i = 0; i < 4; i++) {
            double[] logits = new double[2];
            for (int c = 0; c < 2; c++) {
                double s0 = cos(X[i], centres[2 * c]), s1 = cos(X[i], centres[2 * c + 1]);
                double z = Math.exp(s0 / gamma) + Math.exp(s1 / gamma);
                double sc = (Math.exp(s0 / gamma) * s0 + Math.exp(s1 / gamma) * s1) / z;
                logits[c] = la * (sc - (c == Y[i] ? delta : 0));
            }
            expected += ce(logits, Y[i]) / 4;
        }
        SoftTripleLoss st = withWeights(new SoftTripleLoss(2, 2, 2, la, gamma, delta, DType.F64, 1), centres);
        assertEquals(expected, st.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-9);
    }

    @Test
    void manifoldByHandWithANeumannSeries() {
        double alpha = 0.8, margin = 5e-4, lambdaC = 1;
        double[][] prox = {{1, 0.1}, {-0.3, 1}};
        int[] meta = {0, 1, 1, 0};
        int n = 4, k = 2, t = n + k;
        double[][] all = {X[0], X[1], X[2], X[3], prox[0], prox[1]};
        double[][] s = new double[t][t];
        double[] deg = new double[t];
        for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) if (i != j) {
            s[i][j] = Math.exp(Math.max(cos(all[i], all[j]), 0) / 0.5);
            deg[i] += s[i][j];
        }
        double[][] sb = new double[t][t];
        for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) sb[i][j] = alpha * s[i][j] / Math.sqrt(deg[i] * deg[j]);
        // F = (1−α) Σ_k (αS̄)^k
        double[][] f = new double[t][t], term = new double[t][t];
        for (int i = 0; i < t; i++) term[i][i] = 1;
        for (int it = 0; it < 400; it++) {
            for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) f[i][j] += (1 - alpha) * term[i][j];
            double[][] next = new double[t][t];
            for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) for (int q = 0; q < t; q++) next[i][j] += term[i][q] * sb[q][j];
            term = next;
        }
        double lint = 0, lctx = 0;
        for (int i = 0; i < n; i++) {
            double si = 0, sc = 0;
            for (int c = 0; c < k; c++) {
                if (c == meta[i]) continue;
                double z = f[i][n + c] - f[i][n + meta[i]] + margin;
                if (z >= 0) si += Math.exp(z);
                double z2 = cos(f[i], f[n + c]) - cos(f[i], f[n + meta[i]]) + margin;
                if (z2 >= 0) sc += Math.exp(z2);
            }
            lint += Math.log(1 + si) / n;
            lctx += Math.log(1 + sc) / n;
        }
        ManifoldLoss loss = new ManifoldLoss(2, 2, lambdaC, alpha, margin, DType.F64, 3);
        ProxyOps.set(loss.proxies(), new double[]{1, 0.1, -0.3, 1});
        double got = loss.compute(LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(X), ManifoldLoss.META_CLASSES, Tensor.ofInts(meta, 4)))).item();
        assertEquals(lint + lambdaC * lctx, got, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new ManifoldLoss(2, 5, 1, 0.8, 5e-4, DType.F64, 1)
                .compute(LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(X)))), "N < K without meta_classes");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void hostInverseInvertsRandomDiagonallyDominantMatrices(long seed) {
        Rng r = new Rng(seed);
        int n = 6;
        double[] a = new double[n * n];
        for (int i = 0; i < n * n; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < n; i++) a[i * n + i] += 8;
        double[] inv = ProxyOps.inverse(a, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int q = 0; q < n; q++) s += a[i * n + q] * inv[q * n + j];
            assertEquals(i == j ? 1 : 0, s, 1e-12, "seed " + seed);
        }
    }

    @Test
    void unpgAppendsTheKeptNegativeCosinesAsSharedColumns() {
        UnpgLoss loss = UnpgLoss.fromParams(Params.of(Map.of("num_classes", "2", "embedding_size", "2", "head", "cosface", "scale", "8",
                "whisker", "1e9", "dtype", "F64")));
        withWeights(loss, P);
        double m = 0.35, s = 8;
        double[] negatives = new double[4];
        int t = 0;
        for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) if (Y[i] != Y[j]) negatives[t++] = cos(X[i], X[j]);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double[] l = new double[2 + 4];
            for (int c = 0; c < 2; c++) l[c] = s * (cos(X[i], P[c]) - (c == Y[i] ? m : 0));
            for (int q = 0; q < 4; q++) l[2 + q] = s * negatives[q];
            expected += ce(l, Y[i]) / 4;
        }
        assertEquals(expected, loss.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-9);
    }

    @Test
    void unpgWhiskersDropOutlyingNegatives() {
        UnpgLoss loss = UnpgLoss.fromParams(Params.of(Map.of("num_classes", "10", "embedding_size", "2", "whisker", "1", "dtype", "F64")));
        // nine samples within 40° and one opposite outlier (sample 9), all with different labels
        double[][] x = new double[10][];
        for (int i = 0; i < 9; i++) x[i] = new double[]{Math.cos(Math.toRadians(5 * i)), Math.sin(Math.toRadians(5 * i))};
        x[9] = new double[]{-1, -0.05};
        int[] y = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[][] kept = loss.keptNegativePairs(Tensor.fromArray(x), y);
        double[] v = new double[45];
        int t = 0;
        for (int i = 0; i < 10; i++) for (int j = i + 1; j < 10; j++) v[t++] = cos(x[i], x[j]);
        java.util.Arrays.sort(v);
        double q1 = v[11], q3 = v[33]; // positions 0.25·44 = 11, 0.75·44 = 33
        double lo = q1 - (q3 - q1), hi = q3 + (q3 - q1);
        int expected = 0;
        for (double c : v) if (c >= lo && c <= hi) expected++;
        assertEquals(expected, kept.length);
        for (int[] p : kept) {
            assertTrue(p[1] != 9, "pairs with the outlier must be dropped: " + p[0] + "," + p[1]);
            double c = cos(x[p[0]], x[p[1]]);
            assertTrue(c >= lo && c <= hi);
        }
        assertEquals(2.5, UnpgLoss.quantile(new double[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.25), 1e-12);
        assertEquals(1.75, UnpgLoss.quantile(new double[]{1, 2, 3, 4}, 0.25), 1e-12);
    }

    @Test
    void prototypeContrastiveByHandAndItsEmaUpdate() {
        double tau = 0.1;
        PrototypeContrastiveLoss loss = new PrototypeContrastiveLoss(2, 2, tau, 0.5, 1, false, DType.F64, 1);
        loss.setPrototypes(Tensor.fromArray(P));
        double[][] mu = {{1, 0}, {-0.2 / Math.hypot(0.2, 1), 1 / Math.hypot(0.2, 1)}};
        double comp = 0;
        for (int i = 0; i < 4; i++) comp += ce(new double[]{cos(X[i], mu[0]) / tau, cos(X[i], mu[1]) / tau}, Y[i]) / 4;
        double dot = mu[0][0] * mu[1][0] + mu[0][1] * mu[1][1];
        double disp = (Math.log(Math.exp(dot / tau)) + Math.log(Math.exp(dot / tau))) / 2;
        assertEquals(comp + disp, loss.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-9);
        // EMA: μ_0 ← normalize(0.5·μ_0 + 0.5·x̂)
        loss.updatePrototypes(Tensor.fromArray(new double[][]{{0, 2}}), new int[]{0});
        assertEquals(Math.sqrt(0.5), loss.prototypes().get(0, 0), 1e-12);
        assertEquals(Math.sqrt(0.5), loss.prototypes().get(0, 1), 1e-12);
    }

    @Test
    void centerLossByHandAndItsUpdateRule() {
        CenterLoss loss = new CenterLoss(2, 2, 0.5, 0.4, false, true, DType.F64, 1);
        loss.setCenters(Tensor.fromArray(P));
        double expected = 0;
        for (int i = 0; i < 4; i++) expected += 0.4 / 2 * (Math.pow(X[i][0] - P[Y[i]][0], 2) + Math.pow(X[i][1] - P[Y[i]][1], 2)) / 4;
        assertEquals(expected, loss.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-12);
        // rule: c_0 ← c_0 − α·Σ_{y_i=0}(c_0 − x_i)/(1 + 2)
        double c00 = P[0][0] - 0.5 * ((P[0][0] - X[0][0]) + (P[0][0] - X[1][0])) / 3;
        assertEquals(c00, loss.centers().get(0, 0), 1e-12);
        // with the softmax head: + mean CE of x·Wᵀ + b
        CenterLoss withHead = new CenterLoss(2, 2, 0.5, 0.4, true, false, DType.F64, 1);
        withWeights(withHead, P);
        double ceSum = 0, centre = 0;
        for (int i = 0; i < 4; i++) {
            ceSum += ce(new double[]{X[i][0] * P[0][0] + X[i][1] * P[0][1], X[i][0] * P[1][0] + X[i][1] * P[1][1]}, Y[i]) / 4;
            centre += 0.4 / 2 * (X[i][0] * X[i][0] + X[i][1] * X[i][1]) / 4; // centres start at 0
        }
        assertEquals(ceSum + centre, withHead.compute(LossInputs.of(Tensor.fromArray(X), Y)).item(), 1e-12);
        assertEquals(2, withHead.parameters().size());
    }
}
