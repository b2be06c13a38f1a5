package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.BinaryOp;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.ReduceOp;
import io.contrast4j.autograd.backend.ScalarBackend;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.UnaryOp;
import io.contrast4j.gpu.OpenClBackend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.contrast4j.tests.opencl.OpenClTestSupport.assertClose;
import static io.contrast4j.tests.opencl.OpenClTestSupport.random;
import static io.contrast4j.tests.opencl.OpenClTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every {@link Backend} kernel on {@link OpenClBackend} against {@link ScalarBackend}, on sizes 1, 7, 16, 17, 1023,
 * 4096 and odd / broadcast shapes, F32 (ULP-scaled tolerance) and F64 (relative 1e-12). Each case prints its seed.
 */
class BackendEquivalenceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final int[] SIZES = {1, 7, 16, 17, 1023, 4096};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int n : SIZES) out.add(Arguments.of(t, n, 7919L * n + t.ordinal()));
        }
        return out.stream();
    }

    static Stream<Arguments> dtypes() {
        return Stream.of(Arguments.of(DType.F32, 11L), Arguments.of(DType.F64, 12L));
    }

    /** Uploads, runs the kernel on the device, downloads; checks the result stayed on the device. */
    private static double[] run(OpenClBackend b, Storage deviceResult) {
        assertFalse(deviceResult.isHost(), "result left the device");
        return values(b.download(deviceResult));
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void creationCastAndTransfer(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        HostStorage x = random(t, n, r, -5, 5);
        String what = t + " n=" + n + " seed=" + seed;
        assertArrayEquals(values(x), run(b, b.upload(x)), 0, "round trip " + what);
        assertArrayEquals(values((HostStorage) REF.zeros(t, n)), run(b, b.zeros(t, n)), 0, "zeros " + what);
        assertArrayEquals(values((HostStorage) REF.full(t, n, 0.1)), run(b, b.full(t, n, 0.1)), 0, "full " + what);
        for (DType to : DType.values()) {
            if (to == DType.F64 && !b.device().fp64()) continue;
            assertArrayEquals(values((HostStorage) REF.cast(x, to)), run(b, b.cast(b.upload(x), to)), 0, "cast to " + to + " " + what);
        }
        HostStorage ints = HostStorage.zeros(DType.I32, n);
        for (int i = 0; i < n; i++) ints.set(i, r.nextInt(2001) - 1000);
        assertArrayEquals(values((HostStorage) REF.cast(ints, t)), run(b, b.cast(b.upload(ints), t)), 0, "I32 cast " + what);
    }

    private static double[] domain(UnaryOp op) {
        return switch (op) {
            case LOG, SQRT, POW_SCALAR -> new double[] {0.05, 3};
            case LOG1P -> new double[] {-0.9, 3};
            default -> new double[] {-3, 3};
        };
    }

    private static double[] params(UnaryOp op) {
        return switch (op) {
            case LEAKY_RELU -> new double[] {0.1, 0};
            case CLAMP -> new double[] {-0.5, 0.7};
            case AFFINE -> new double[] {2.5, -1.25};
            case POW_SCALAR -> new double[] {2.5, 0};
            default -> new double[] {0, 0};
        };
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void everyUnaryOp(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        for (UnaryOp op : UnaryOp.values()) {
            double[] d = domain(op), p = params(op);
            HostStorage x = random(t, n, r, d[0], d[1]);
            if (n > 1 && (op == UnaryOp.SIGN || op == UnaryOp.STEP || op == UnaryOp.RELU || op == UnaryOp.ABS)) x.set(1, 0);
            assertClose(t, values((HostStorage) REF.unary(op, x, p[0], p[1])), run(b, b.unary(op, b.upload(x), p[0], p[1])),
                    1, 32, op + " " + t + " n=" + n + " seed=" + seed);
        }
        // integer powers of negative bases
        HostStorage x = random(t, n, r, -3, 3);
        assertClose(t, values((HostStorage) REF.unary(UnaryOp.POW_SCALAR, x, 3, 0)),
                run(b, b.unary(UnaryOp.POW_SCALAR, b.upload(x), 3, 0)), 1, 32, "pow^3 " + t + " n=" + n + " seed=" + seed);
    }

    static Stream<Arguments> binaryShapes() {
        int[][][] shapes = {
                {{1}, {1}}, {{7}, {7}}, {{16}, {1}}, {{17}, {17}}, {{1023}, {1023}}, {{4096}, {4096}}, {{1}, {4096}},
                {{17, 1}, {1, 16}}, {{3, 1, 5}, {4, 1}}, {{2, 3, 4, 5}, {5}}, {{}, {7}}, {{7, 3}, {}},
                {{2, 1, 3, 1, 2, 1, 2, 2, 3}, {1, 2, 1, 3, 1, 2, 1, 2, 1}}};
        List<Arguments> out = new ArrayList<>();
        long seed = 100;
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int[][] s : shapes) out.add(Arguments.of(t, s[0], s[1], seed++));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} op {2} seed={3}")
    @MethodSource("binaryShapes")
    void everyBinaryOpBroadcasting(DType t, int[] aShape, int[] bShape, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        int[] out = Shape.broadcast("test", aShape, bShape);
        int na = Shape.numel(aShape), nb = Shape.numel(bShape);
        for (BinaryOp op : BinaryOp.values()) {
            HostStorage x = op == BinaryOp.POW ? random(t, na, r, 0.1, 3) : random(t, na, r, -3, 3);
            HostStorage y = op == BinaryOp.DIV ? random(t, nb, r, 0.5, 3) : random(t, nb, r, -3, 3);
            if (op.isComparison() || op == BinaryOp.MIN || op == BinaryOp.MAX) {
                for (int i = 0; i < Math.min(na, nb); i += 3) y.set(i, x.get(i)); // ties
            }
            String what = op + " " + t + " " + Arrays.toString(aShape) + " op " + Arrays.toString(bShape) + " seed=" + seed;
            assertClose(t, values((HostStorage) REF.binary(op, x, aShape, y, bShape, out)),
                    run(b, b.binary(op, b.upload(x), aShape, b.upload(y), bShape, out)), 1, 32, what);
        }
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void whereSelects(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        HostStorage m = HostStorage.zeros(t, n), x = random(t, n, r, -3, 3), y = random(t, n, r, -3, 3);
        for (int i = 0; i < n; i++) m.set(i, r.nextBoolean() ? 1 : 0);
        assertArrayEquals(values((HostStorage) REF.where(m, x, y)), run(b, b.where(b.upload(m), b.upload(x), b.upload(y))), 0,
                "where " + t + " n=" + n + " seed=" + seed);
        HostStorage mi = (HostStorage) REF.cast(m, DType.I32);
        assertArrayEquals(values((HostStorage) REF.where(mi, x, y)), run(b, b.where(b.upload(mi), b.upload(x), b.upload(y))), 0,
                "where with I32 mask " + t + " n=" + n + " seed=" + seed);
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void reductions(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        HostStorage x = random(t, n, r, -3, 3);
        int[][] views = {{1, n, 1}, {n, 1, 1}, {1, 1, n}};
        List<int[]> all = new ArrayList<>(Arrays.asList(views));
        if (n % 16 == 0) all.add(new int[] {4, n / 16, 4});
        if (n == 1023) all.add(new int[] {3, 11, 31});
        for (int[] v : all) {
            for (ReduceOp op : ReduceOp.values()) {
                double[] e = values((HostStorage) REF.reduce(op, x, v[0], v[1], v[2]));
                // a sum's rounding error grows with the number and size of its terms: 3 * r ULPs of r * 3
                double scale = op == ReduceOp.SUM ? 3.0 * v[1] : 1;
                int ulps = op == ReduceOp.SUM ? 8 + v[1] : 0;
                assertClose(t, e, run(b, b.reduce(op, b.upload(x), v[0], v[1], v[2])), scale, Math.max(ulps, 1),
                        op + " " + Arrays.toString(v) + " " + t + " seed=" + seed);
            }
        }
    }

    static Stream<Arguments> matmulCases() {
        int[][] dims = {{1, 1, 1, 1}, {1, 7, 5, 3}, {3, 17, 16, 9}, {2, 33, 1, 20}, {1, 64, 65, 63}, {2, 4, 0, 3}};
        List<Arguments> out = new ArrayList<>();
        long seed = 500;
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (int[] d : dims) out.add(Arguments.of(t, d, seed++));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed={2}")
    @MethodSource("matmulCases")
    void matmulAllLayoutsAndBatchFlags(DType t, int[] d, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        int batch = d[0], m = d[1], k = d[2], n = d[3];
        for (boolean aBatch : new boolean[] {true, false}) {
            for (boolean bBatch : new boolean[] {true, false}) {
                HostStorage x = random(t, (aBatch ? batch : 1) * m * k, r, -1, 1);
                HostStorage y = random(t, (bBatch ? batch : 1) * k * n, r, -1, 1);
                for (int tr = 0; tr < 4; tr++) {
                    boolean ta = (tr & 1) != 0, tb = (tr & 2) != 0;
                    assertClose(t, values((HostStorage) REF.matmul(x, y, batch, m, k, n, ta, tb, aBatch, bBatch)),
                            run(b, b.matmul(b.upload(x), b.upload(y), batch, m, k, n, ta, tb, aBatch, bBatch)),
                            Math.max(k, 1), 8 + k, "matmul " + Arrays.toString(d) + " tA=" + ta + " tB=" + tb
                                    + " aBatch=" + aBatch + " bBatch=" + bBatch + " " + t + " seed=" + seed);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("dtypes")
    void stridedCopyAndAddInto(DType t, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        HostStorage x = random(t, 2 * 3 * 4 * 5, r, -3, 3);
        // permute (3,0,2,1), slice with offset, broadcast, rank-9 view
        int[][][] views = {
                {{5, 2, 4, 3}, {1, 60, 5, 20}, {0}},
                {{2, 2, 3}, {60, 20, 1}, {26}},
                {{3, 4, 7}, {20, 5, 0}, {1}},
                {{1, 2, 1, 2, 1, 2, 1, 3, 5}, {0, 60, 0, 20, 0, 10, 0, 0, 1}, {0}}};
        for (int[][] v : views) {
            String what = Arrays.toString(v[0]) + " strides " + Arrays.toString(v[1]) + " offset " + v[2][0] + " " + t + " seed=" + seed;
            assertArrayEquals(values((HostStorage) REF.stridedCopy(x, v[2][0], v[0], v[1])),
                    run(b, b.stridedCopy(b.upload(x), v[2][0], v[0], v[1])), 0, "stridedCopy " + what);
            HostStorage src = random(t, Shape.numel(v[0]), r, -3, 3);
            HostStorage dst = random(t, x.size(), r, -3, 3);
            HostStorage expected = dst.copy();
            REF.stridedAddInto(expected, v[2][0], v[0], v[1], src);
            Storage onDevice = b.upload(dst);
            b.stridedAddInto(onDevice, v[2][0], v[0], v[1], b.upload(src));
            assertClose(t, values(expected), run(b, onDevice), 3, 16, "stridedAddInto " + what);
        }
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void indexingKernels(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        int outer = 3, dim = n, inner = 2, k = 5;
        HostStorage x = random(t, outer * dim * inner, r, -3, 3);
        int[] sel = new int[k];
        for (int j = 0; j < k; j++) sel[j] = r.nextInt(dim);
        HostStorage idx = HostStorage.of(sel);
        String what = t + " n=" + n + " seed=" + seed;
        assertArrayEquals(values((HostStorage) REF.indexSelect(x, outer, dim, inner, idx)),
                run(b, b.indexSelect(b.upload(x), outer, dim, inner, b.upload(idx))), 0, "indexSelect " + what);
        int[] rows = new int[outer * k * inner];
        for (int i = 0; i < rows.length; i++) rows[i] = r.nextInt(dim);
        HostStorage ridx = HostStorage.of(rows);
        assertArrayEquals(values((HostStorage) REF.gather(x, outer, dim, inner, ridx, k)),
                run(b, b.gather(b.upload(x), outer, dim, inner, b.upload(ridx), k)), 0, "gather " + what);
        HostStorage g = random(t, outer * k * inner, r, -3, 3);
        assertClose(t, values((HostStorage) REF.scatterAdd(g, outer, dim, inner, idx, k, false)),
                run(b, b.scatterAdd(b.upload(g), outer, dim, inner, b.upload(idx), k, false)), 3, 16, "scatterAdd shared " + what);
        assertClose(t, values((HostStorage) REF.scatterAdd(g, outer, dim, inner, ridx, k, true)),
                run(b, b.scatterAdd(b.upload(g), outer, dim, inner, b.upload(ridx), k, true)), 3, 16, "scatterAdd perRow " + what);
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("cases")
    void topkBothDirectionsWithTies(DType t, int n, long seed) {
        OpenClBackend b = OpenClTestSupport.backend(t);
        Random r = new Random(seed);
        int rows = 3;
        HostStorage x = HostStorage.zeros(t, rows * n);
        for (int i = 0; i < x.size(); i++) x.set(i, r.nextInt(Math.max(2, n / 2)) * 0.5); // many ties
        for (int k : new int[] {1, Math.min(n, 5), Math.min(n, 64), Math.min(n, 100)}) {
            for (boolean largest : new boolean[] {true, false}) {
                HostStorage e = (HostStorage) REF.topk(x, rows, n, k, largest);
                HostStorage a = b.download(b.topk(b.upload(x), rows, n, k, largest));
                assertEquals(DType.I32, a.dtype);
                assertArrayEquals(e.i, a.i, "topk k=" + k + " largest=" + largest + " " + t + " n=" + n + " seed=" + seed);
            }
        }
    }
}
