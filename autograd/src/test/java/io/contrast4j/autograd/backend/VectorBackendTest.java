package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the vector backend's internals: GEMM blocking edges, thread-count determinism, dimension coalescing. */
class VectorBackendTest {
    private static float[] randF(Rng r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static double[] randD(Rng r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** Naive product in double, for op(A) op(B). */
    private static double[] naive(double[] a, double[] b, int m, int k, int n, boolean ta, boolean tb) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void sgemmMatchesNaiveAcrossBlockEdges(long seed) {
        Rng r = new Rng(seed);
        // sizes straddle MR=8, NR=2*lanes, KC=256, MC=128
        int[][] dims = {{1, 1, 1}, {7, 3, 33}, {9, 257, 31}, {129, 17, 65}, {8, 256, 32}, {130, 300, 70}};
        int[] d = dims[(int) (seed - 1)];
        int m = d[0], k = d[1], n = d[2];
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            float[] a = randF(r, m * k), b = randF(r, k * n);
            float[] c = new float[m * n];
            SGemm.gemm(a, 0, b, 0, c, 0, m, k, n, ta, tb, 2);
            double[] ad = new double[a.length], bd = new double[b.length];
            for (int i = 0; i < a.length; i++) ad[i] = a[i];
            for (int i = 0; i < b.length; i++) bd[i] = b[i];
            double[] ref = naive(ad, bd, m, k, n, ta, tb);
            for (int i = 0; i < ref.length; i++) {
                double tol = 1e-5 * Math.sqrt(k) * 4;
                assertEquals(ref[i], c[i], tol, "seed " + seed + " m,k,n=" + m + "," + k + "," + n + " ta=" + ta + " tb=" + tb + " at " + i);
            }
            double[] cd = new double[m * n];
            DGemm.gemm(ad, 0, bd, 0, cd, 0, m, k, n, ta, tb, 2);
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], cd[i], 1e-12 * Math.sqrt(k) * 4, "seed " + seed + " F64 at " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void sgemmReadsANarrowProductInPlace(long seed) {
        Rng r = new Rng(seed);
        // n <= 2 * NR: A is read in place (full MR-row panels) and its edge panel packed; k crosses KC for seed 14
        int[][] dims = {{64, 32, 64}, {13, 5, 2 * SGemm.NR}, {17, 64, 3}, {21, 300, SGemm.NR + 1}};
        int[] d = dims[(int) (seed - 11)];
        int m = d[0], k = d[1], n = d[2];
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            float[] a = randF(r, m * k), b = randF(r, k * n);
            double[] ad = new double[a.length], bd = new double[b.length];
            for (int i = 0; i < a.length; i++) ad[i] = a[i];
            for (int i = 0; i < b.length; i++) bd[i] = b[i];
            double[] ref = naive(ad, bd, m, k, n, ta, tb);
            for (int threads = 1; threads <= 2; threads++) {
                float[] c = new float[m * n];
                SGemm.gemm(a, 0, b, 0, c, 0, m, k, n, ta, tb, threads);
                for (int i = 0; i < ref.length; i++) {
                    assertEquals(ref[i], c[i], 1e-5 * Math.sqrt(k) * 4, "seed " + seed + " m,k,n=" + m + "," + k + "," + n
                            + " ta=" + ta + " tb=" + tb + " threads=" + threads + " at " + i);
                }
            }
        }
    }

    @Test
    void gemmIsIdenticalForEveryThreadCount() {
        Rng r = new Rng(42);
        int m = 300, k = 520, n = 200;
        float[] a = randF(r, m * k), b = randF(r, k * n);
        float[] c1 = new float[m * n], c2 = new float[m * n];
        SGemm.gemm(a, 0, b, 0, c1, 0, m, k, n, false, true, 1);
        SGemm.gemm(a, 0, b, 0, c2, 0, m, k, n, false, true, 2);
        assertArrayEquals(c1, c2);
        double[] ad = randD(r, m * k), bd = randD(r, k * n);
        double[] d1 = new double[m * n], d2 = new double[m * n];
        DGemm.gemm(ad, 0, bd, 0, d1, 0, m, k, n, true, false, 1);
        DGemm.gemm(ad, 0, bd, 0, d2, 0, m, k, n, true, false, 2);
        assertArrayEquals(d1, d2);
    }

    @Test
    void batchedMatmulSharesUnbatchedOperand() {
        Rng r = new Rng(7);
        int batch = 5, m = 6, k = 9, n = 20;
        float[] a = randF(r, batch * m * k), b = randF(r, k * n);
        HostStorage c = (HostStorage) VectorBackend.INSTANCE.matmul(HostStorage.of(a), HostStorage.of(b), batch, m, k, n, false, false, true, false);
        for (int bt = 0; bt < batch; bt++) {
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double) a[bt * m * k + i * k + p] * b[p * n + j];
                    assertEquals(s, c.f[bt * m * n + i * n + j], 1e-4, "batch " + bt + " (" + i + "," + j + ")");
                }
        }
    }

    @Test
    void largeSumIsIdenticalForEveryThreadCount() {
        Rng r = new Rng(9);
        float[] x = randF(r, 300_001);
        String old = System.getProperty("c4j.threads");
        try {
            System.setProperty("c4j.threads", "1");
            float one = ((HostStorage) VectorBackend.INSTANCE.reduce(ReduceOp.SUM, HostStorage.of(x), 1, x.length, 1)).f[0];
            System.setProperty("c4j.threads", "2");
            float two = ((HostStorage) VectorBackend.INSTANCE.reduce(ReduceOp.SUM, HostStorage.of(x), 1, x.length, 1)).f[0];
            assertEquals(Float.floatToIntBits(one), Float.floatToIntBits(two), "sum differs between 1 and 2 threads");
            double ref = 0;
            for (float v : x) ref += v;
            assertEquals(ref, one, 1e-3, "sum of 300001 normals");
        } finally {
            if (old == null) System.clearProperty("c4j.threads");
            else System.setProperty("c4j.threads", old);
        }
    }

    @Test
    void coalesceMergesContiguousAndBroadcastDimensions() {
        // [2,3,4] + [4]: a strides (12,4,1), b (0,0,1) -> rows of 4 over 6 rows
        int[][] c = VectorBackend.coalesce(new int[]{2, 3, 4}, new int[]{12, 4, 1}, new int[]{0, 0, 1});
        assertArrayEquals(new int[]{6, 4}, c[0]);
        assertArrayEquals(new int[]{4, 1}, c[1]);
        assertArrayEquals(new int[]{0, 1}, c[2]);
        // size-1 dimensions vanish, fully contiguous collapses to one
        int[][] d = VectorBackend.coalesce(new int[]{1, 5, 1, 2}, new int[]{10, 2, 2, 1});
        assertArrayEquals(new int[]{10}, d[0]);
        assertArrayEquals(new int[]{1}, d[1]);
    }

    @Test
    void threadsRespectsTheCap() {
        String old = System.getProperty("c4j.threads");
        try {
            System.setProperty("c4j.threads", "1");
            assertEquals(1, VectorBackend.threads());
            System.setProperty("c4j.threads", "1000");
            assertTrue(VectorBackend.threads() <= Runtime.getRuntime().availableProcessors());
        } finally {
            if (old == null) System.clearProperty("c4j.threads");
            else System.setProperty("c4j.threads", old);
        }
    }

    @Test
    void transposeCopyMatchesReference() {
        Rng r = new Rng(11);
        int rows = 37, cols = 70;
        double[] x = randD(r, rows * cols);
        // view of x^T: shape [cols, rows], strides [1, cols]
        HostStorage v = (HostStorage) VectorBackend.INSTANCE.stridedCopy(HostStorage.of(x), 0, new int[]{cols, rows}, new int[]{1, cols});
        HostStorage s = (HostStorage) ScalarBackend.INSTANCE.stridedCopy(HostStorage.of(x), 0, new int[]{cols, rows}, new int[]{1, cols});
        assertArrayEquals(s.d, v.d);
        assertEquals(DType.F64, v.dtype);
    }
}
