package io.contrast4j.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.contrast4j.gpu.ClTestSupport.rounded;
import static io.contrast4j.gpu.ClTestSupport.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every kernel against a plain-Java reference on seeded random data, F32 and F64. */
class ClKernelsTest {
    private static final int[] SIZES = {1, 7, 16, 17, 1023, 4096};

    static Stream<Arguments> dtypeAndSize() {
        return Stream.of(ClDType.F32, ClDType.F64).flatMap(t -> IntStream.of(SIZES).mapToObj(n -> Arguments.of(t, n)));
    }

    private static double[] uniform(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    private static double atol(ClDType t) {
        return t == ClDType.F32 ? 2e-6 : 1e-12;
    }

    private static double rtol(ClDType t) {
        return t == ClDType.F32 ? 2e-5 : 1e-11;
    }

    private static void assertClose(ClDType t, double[] expected, double[] actual, double extraAtol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, a, what + " [" + i + "]");
                continue;
            }
            double tol = atol(t) + extraAtol + rtol(t) * Math.abs(e);
            if (!(Math.abs(a - e) <= tol)) {
                fail(what + " [" + i + "]: expected " + e + " got " + a + " (tol " + tol + ")");
            }
        }
    }

    private static double[] download(ClBuffer b, int n) {
        return Arrays.copyOf(b.readAsDoubles(), n);
    }

    /** erf by its Maclaurin series (|x| <= 3 here; relative error well below 1e-12). */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int k = 0; k < 200; k++) {
            double add = term / (2 * k + 1);
            sum += add;
            if (Math.abs(add) < 1e-18 * Math.abs(sum)) {
                break;
            }
            term *= -x * x / (k + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static double unaryRef(String op, double v, double p1, double p2) {
        return switch (op) {
            case "neg" -> -v;
            case "exp" -> Math.exp(v);
            case "log" -> Math.log(v);
            case "log1p" -> Math.log1p(v);
            case "sqrt" -> Math.sqrt(v);
            case "rsqrt" -> 1 / Math.sqrt(v);
            case "abs" -> Math.abs(v);
            case "relu" -> v < 0 ? 0 : v;
            case "leaky_relu" -> v < 0 ? p1 * v : v;
            case "sigmoid" -> 1 / (1 + Math.exp(-v));
            case "tanh" -> Math.tanh(v);
            case "gelu" -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
            case "softplus" -> Math.log(1 + Math.exp(v));
            case "clamp" -> Math.min(Math.max(v, p1), p2);
            case "sign" -> Math.signum(v);
            case "square" -> v * v;
            case "reciprocal" -> 1 / v;
            case "sin" -> Math.sin(v);
            case "cos" -> Math.cos(v);
            case "affine" -> p1 * v + p2;
            case "pow_scalar" -> Math.pow(v, p1);
            case "gelu_grad" -> 0.5 * (1 + erf(v / Math.sqrt(2))) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
            case "step" -> v > 0 ? 1 : 0;
            default -> throw new AssertionError("no reference for " + op);
        };
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("dtypeAndSize")
    void unaryMatchesReference(ClDType t, int n) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        long seed = 1000L * n + t.ordinal();
        Random r = new Random(seed);
        for (String op : ClKernels.unaryOps()) {
            double[] x = switch (op) {
                case "log", "sqrt", "rsqrt", "pow_scalar" -> uniform(r, n, 0.05, 3);
                case "log1p" -> uniform(r, n, -0.9, 3);
                case "reciprocal" -> Arrays.stream(uniform(r, n, 0.1, 3)).map(v -> r.nextBoolean() ? v : -v)
                        .toArray();
                default -> uniform(r, n, -3, 3);
            };
            if (op.equals("sign") || op.equals("relu") || op.equals("step")) {
                x[0] = 0; // the kink itself
            }
            double[] p = switch (op) {
                case "leaky_relu" -> new double[] {0.1, 0};
                case "clamp" -> new double[] {-0.5, 0.7};
                case "affine" -> new double[] {2.5, -1.25};
                case "pow_scalar" -> new double[] {1.7, 0};
                default -> new double[] {0, 0};
            };
            double[] xr = rounded(t, x);
            double[] pr = rounded(t, p);
            double[] expected = Arrays.stream(xr).map(v -> unaryRef(op, v, pr[0], pr[1])).toArray();
            try (ClBuffer xb = upload(t, x); ClBuffer out = ClTestSupport.context().allocate(t, n)) {
                k.unary(op, xb, out, n, p[0], p[1]);
                assertClose(t, expected, download(out, n), 0, op + " " + t + " n=" + n + " seed=" + seed);
            }
        }
    }

    @Test
    void unaryRejectsUnknownOpAndShortBuffers() {
        ClKernels k = ClTestSupport.kernels();
        try (ClBuffer x = ClTestSupport.context().allocate(ClDType.F32, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> k.unary("nope", x, x, 4));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> k.unary("exp", x, x, 5));
        }
    }

    static Stream<Arguments> binaryShapes() {
        List<int[][]> shapes = List.of(
                new int[][] {{1}, {1}},
                new int[][] {{7}, {7}},
                new int[][] {{16}, {1}},
                new int[][] {{17, 1}, {1, 16}},
                new int[][] {{3, 1, 5}, {4, 1}},
                new int[][] {{1023}, {1023}},
                new int[][] {{2, 3, 4, 5}, {5}},
                new int[][] {{1}, {4096}},
                new int[][] {{2, 1, 3, 1, 2, 1, 2, 2}, {1, 2, 1, 3, 1, 2, 1, 2}});
        List<Arguments> out = new ArrayList<>();
        for (ClDType t : List.of(ClDType.F32, ClDType.F64)) {
            for (int[][] s : shapes) {
                out.add(Arguments.of(t, s[0], s[1]));
            }
        }
        return out.stream();
    }

    private static double binaryRef(String op, double u, double v) {
        return switch (op) {
            case "add" -> u + v;
            case "sub" -> u - v;
            case "mul" -> u * v;
            case "div" -> u / v;
            case "pow" -> Math.pow(u, v);
            case "min" -> Math.min(u, v);
            case "max" -> Math.max(u, v);
            case "gt" -> u > v ? 1 : 0;
            case "ge" -> u >= v ? 1 : 0;
            case "lt" -> u < v ? 1 : 0;
            case "le" -> u <= v ? 1 : 0;
            case "eq" -> u == v ? 1 : 0;
            case "ne" -> u != v ? 1 : 0;
            default -> throw new AssertionError("no reference for " + op);
        };
    }

    /** Index of output coordinate c into a contiguous operand of {@code shape}, broadcasting by NumPy rules. */
    private static int broadcastIndex(int[] coord, int[] shape) {
        int off = coord.length - shape.length;
        int idx = 0;
        for (int d = 0; d < shape.length; d++) {
            idx = idx * shape[d] + (shape[d] == 1 ? 0 : coord[d + off]);
        }
        return idx;
    }

    private static int[] coord(int i, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = i % shape[d];
            i /= shape[d];
        }
        return c;
    }

    @ParameterizedTest(name = "{0} {1} op {2}")
    @MethodSource("binaryShapes")
    void binaryBroadcastMatchesReference(ClDType t, int[] aShape, int[] bShape) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int na = ClKernels.numel(aShape);
        int nb = ClKernels.numel(bShape);
        long seed = 31L * na + nb + 7L * t.ordinal();
        Random r = new Random(seed);
        for (String op : ClKernels.binaryOps()) {
            double[] a;
            double[] b;
            switch (op) {
                case "pow" -> {
                    a = uniform(r, na, 0.1, 3);
                    b = uniform(r, nb, -2, 2);
                }
                case "div" -> {
                    a = uniform(r, na, -3, 3);
                    b = Arrays.stream(uniform(r, nb, 0.2, 3)).map(v -> r.nextBoolean() ? v : -v).toArray();
                }
                case "gt", "ge", "lt", "le", "eq", "ne", "min", "max" -> {
                    a = Arrays.stream(uniform(r, na, -1.5, 1.5)).map(Math::rint).toArray();
                    b = Arrays.stream(uniform(r, nb, -1.5, 1.5)).map(Math::rint).toArray();
                }
                default -> {
                    a = uniform(r, na, -3, 3);
                    b = uniform(r, nb, -3, 3);
                }
            }
            double[] ar = rounded(t, a);
            double[] br = rounded(t, b);
            int[] shape = ClKernels.broadcastShape(aShape, bShape);
            int n = ClKernels.numel(shape);
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                int[] c = coord(i, shape);
                double e = binaryRef(op, ar[broadcastIndex(c, aShape)], br[broadcastIndex(c, bShape)]);
                expected[i] = t == ClDType.F32 ? (float) e : e;
            }
            try (ClBuffer ab = upload(t, a); ClBuffer bb = upload(t, b);
                    ClBuffer out = ClTestSupport.context().allocate(t, n)) {
                int[] got = k.binary(op, ab, aShape, bb, bShape, out);
                assertArrayEquals(shape, got);
                assertClose(t, expected, download(out, n), 0, op + " " + t + " " + Arrays.toString(aShape) + " vs "
                        + Arrays.toString(bShape) + " seed=" + seed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClDType.class, names = {"F32", "F64"})
    void binaryOnStridedViewsAndWhere(ClDType t) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        Random r = new Random(77);
        // a: a [5, 3] block at offset 2 of a buffer, read transposed as [3, 5]; b: a [3, 5] contiguous
        double[] a = uniform(r, 2 + 15, -2, 2);
        double[] b = uniform(r, 15, -2, 2);
        double[] ar = rounded(t, a);
        double[] br = rounded(t, b);
        double[] expected = new double[15];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                expected[i * 5 + j] = ar[2 + j * 3 + i] * br[i * 5 + j];
            }
        }
        try (ClBuffer ab = upload(t, a); ClBuffer bb = upload(t, b); ClBuffer out = ClTestSupport.context()
                .allocate(t, 15)) {
            k.binary("mul", ab, 2, new int[] {1, 3}, bb, 0, new int[] {5, 1}, out, new int[] {3, 5});
            assertClose(t, expected, download(out, 15), 0, "strided mul " + t);
            assertThrows(IllegalArgumentException.class,
                    () -> k.binary("mul", ab, 3, new int[] {1, 3}, bb, 0, new int[] {5, 1}, out, new int[] {3, 5}));
        }
        // where(mask [3, 1], a [1, 4], b [3, 4])
        double[] mask = {1, 0, 1};
        double[] wa = uniform(r, 4, -1, 1);
        double[] wb = uniform(r, 12, -1, 1);
        double[] war = rounded(t, wa);
        double[] wbr = rounded(t, wb);
        double[] we = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                we[i * 4 + j] = mask[i] != 0 ? war[j] : wbr[i * 4 + j];
            }
        }
        try (ClBuffer mb = upload(t, mask); ClBuffer ab = upload(t, wa); ClBuffer bb = upload(t, wb);
                ClBuffer out = ClTestSupport.context().allocate(t, 12)) {
            int[] shape = k.where(mb, new int[] {3, 1}, ab, new int[] {1, 4}, bb, new int[] {3, 4}, out);
            assertArrayEquals(new int[] {3, 4}, shape);
            assertArrayEquals(we, download(out, 12), 0.0, "where " + t);
        }
    }

    static Stream<Arguments> reduceShapes() {
        int[][] shapes = {{1, 1, 1}, {1, 7, 1}, {3, 16, 5}, {2, 17, 3}, {1, 1023, 1}, {1, 4096, 1}, {4, 1, 17},
                {2, 0, 3}, {7, 300, 2}};
        return Stream.of(ClDType.F32, ClDType.F64).flatMap(t -> Arrays.stream(shapes).map(s -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reduceShapes")
    void reduceMatchesReference(ClDType t, int[] s) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int outer = s[0];
        int red = s[1];
        int inner = s[2];
        long seed = 17L * outer + 131L * red + inner + t.ordinal();
        double[] x = uniform(new Random(seed), outer * red * inner, -3, 3);
        double[] xr = rounded(t, x);
        for (String op : ClKernels.reduceOps()) {
            double[] expected = new double[outer * inner];
            double absSum = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double acc = switch (op) {
                        case "sum" -> 0;
                        case "max" -> Double.NEGATIVE_INFINITY;
                        default -> Double.POSITIVE_INFINITY;
                    };
                    for (int j = 0; j < red; j++) {
                        double v = xr[(o * red + j) * inner + i];
                        absSum = Math.max(absSum, Math.abs(v) * red);
                        acc = switch (op) {
                            case "sum" -> acc + v;
                            case "max" -> Math.max(acc, v);
                            default -> Math.min(acc, v);
                        };
                    }
                    expected[o * inner + i] = acc;
                }
            }
            try (ClBuffer xb = upload(t, x); ClBuffer out = ClTestSupport.context().allocate(t, outer * inner)) {
                k.reduce(op, xb, out, outer, red, inner);
                double extra = op.equals("sum") ? rtol(t) * absSum : 0;
                assertClose(t, expected, download(out, outer * inner), extra,
                        "reduce " + op + " " + t + " " + Arrays.toString(s) + " seed=" + seed);
            }
        }
    }

    static Stream<Arguments> softmaxShapes() {
        int[][] shapes = {{1, 1}, {3, 7}, {2, 16}, {5, 17}, {2, 1023}, {1, 4096}};
        return Stream.of(ClDType.F32, ClDType.F64).flatMap(t -> Arrays.stream(shapes).map(s -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("softmaxShapes")
    void softmaxFamilyMatchesReference(ClDType t, int[] s) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int rows = s[0];
        int cols = s[1];
        long seed = 1009L * rows + cols + t.ordinal();
        double[] x = uniform(new Random(seed), rows * cols, -20, 20);
        if (cols > 1) {
            x[1] = Double.NEGATIVE_INFINITY; // a masked entry
        }
        double[] xr = rounded(t, x);
        double[] sm = new double[rows * cols];
        double[] lsm = new double[rows * cols];
        double[] lse = new double[rows];
        for (int i = 0; i < rows; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                mx = Math.max(mx, xr[i * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(xr[i * cols + j] - mx);
            }
            lse[i] = mx + Math.log(sum);
            for (int j = 0; j < cols; j++) {
                sm[i * cols + j] = Math.exp(xr[i * cols + j] - mx) / sum;
                lsm[i * cols + j] = xr[i * cols + j] - lse[i];
            }
        }
        String what = t + " " + rows + "x" + cols + " seed=" + seed;
        try (ClBuffer xb = upload(t, x); ClBuffer out = ClTestSupport.context().allocate(t, rows * cols)) {
            k.softmaxRows(xb, out, rows, cols);
            assertClose(t, sm, download(out, rows * cols), 0, "softmax " + what);
            k.logSoftmaxRows(xb, out, rows, cols);
            assertClose(t, lsm, download(out, rows * cols), 0, "logSoftmax " + what);
            k.logSumExpRows(xb, out, rows, cols);
            assertClose(t, lse, download(out, rows), 0, "logSumExp " + what);
        }
    }

    static Stream<Arguments> matmulCases() {
        int[][] dims = {{1, 1, 1, 1}, {1, 7, 5, 3}, {2, 16, 16, 16}, {3, 17, 9, 33}, {1, 2, 3, 1023},
                {1, 40, 33, 17}};
        List<Arguments> out = new ArrayList<>();
        for (ClDType t : List.of(ClDType.F32, ClDType.F64)) {
            for (int[] d : dims) {
                for (int tr = 0; tr < 4; tr++) {
                    out.add(Arguments.of(t, d, (tr & 1) != 0, (tr & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} tA={2} tB={3}")
    @MethodSource("matmulCases")
    void matmulMatchesReference(ClDType t, int[] d, boolean transA, boolean transB) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int batch = d[0];
        int m = d[1];
        int n = d[2];
        int kk = d[3];
        long seed = 7L * batch + 131L * m + 17L * n + kk + (transA ? 1000 : 0) + (transB ? 2000 : 0);
        Random r = new Random(seed);
        double[] a = uniform(r, batch * m * kk, -1, 1);
        double[] b = uniform(r, batch * kk * n, -1, 1);
        double[] ar = rounded(t, a);
        double[] br = rounded(t, b);
        double[] expected = new double[batch * m * n];
        for (int bt = 0; bt < batch; bt++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < kk; p++) {
                        double av = transA ? ar[bt * m * kk + p * m + i] : ar[bt * m * kk + i * kk + p];
                        double bv = transB ? br[bt * kk * n + j * kk + p] : br[bt * kk * n + p * n + j];
                        acc += av * bv;
                    }
                    expected[(bt * m + i) * n + j] = acc;
                }
            }
        }
        try (ClBuffer ab = upload(t, a); ClBuffer bb = upload(t, b);
                ClBuffer c = ClTestSupport.context().allocate(t, batch * m * n)) {
            k.matmul(ab, bb, c, batch, m, n, kk, transA, transB);
            assertClose(t, expected, download(c, batch * m * n), rtol(t) * kk,
                    "matmul " + t + " " + Arrays.toString(d) + " tA=" + transA + " tB=" + transB + " seed=" + seed);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClDType.class, names = {"F32", "F64"})
    void matmulBroadcastBatchWithAlphaBeta(ClDType t) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int batch = 3;
        int m = 5;
        int n = 4;
        int kk = 6;
        Random r = new Random(5);
        double[] a = uniform(r, batch * m * kk, -1, 1);
        double[] b = uniform(r, kk * n, -1, 1); // shared by every batch (stride 0)
        double[] c0 = uniform(r, batch * m * n, -1, 1);
        double[] ar = rounded(t, a);
        double[] br = rounded(t, b);
        double[] cr = rounded(t, c0);
        double alpha = 0.5;
        double beta = -2;
        double[] expected = new double[batch * m * n];
        for (int bt = 0; bt < batch; bt++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < kk; p++) {
                        acc += ar[bt * m * kk + i * kk + p] * br[p * n + j];
                    }
                    int ci = (bt * m + i) * n + j;
                    expected[ci] = alpha * acc + beta * cr[ci];
                }
            }
        }
        try (ClBuffer ab = upload(t, a); ClBuffer bb = upload(t, b); ClBuffer c = upload(t, c0)) {
            k.matmul(ab, 0, m * kk, bb, 0, 0, c, 0, m * n, batch, m, n, kk, false, false, alpha, beta);
            assertClose(t, expected, download(c, batch * m * n), rtol(t) * kk, "matmul alpha/beta " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClDType.class, names = {"F32", "F64"})
    void gatherAndScatterStrided(ClDType t) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        Random r = new Random(11);
        // permute [2, 3, 4] -> [4, 2, 3]: out[i, j, l] = x[j, l, i]
        double[] x = rounded(t, uniform(r, 24, -1, 1));
        double[] perm = new double[24];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                for (int l = 0; l < 3; l++) {
                    perm[(i * 2 + j) * 3 + l] = x[(j * 3 + l) * 4 + i];
                }
            }
        }
        // slice x[1, 1:3, ::2] -> [2, 2] at offset 12 + 4, strides [4, 2]
        double[] slice = {x[16], x[18], x[20], x[22]};
        // broadcast row x[0, 0, :] (4) to [5, 4]
        double[] bcast = new double[20];
        for (int i = 0; i < 20; i++) {
            bcast[i] = x[i % 4];
        }
        try (ClBuffer xb = upload(t, x); ClBuffer out = ClTestSupport.context().allocate(t, 24)) {
            k.gatherStrided(xb, 0, new int[] {1, 12, 4}, out, new int[] {4, 2, 3});
            assertArrayEquals(perm, download(out, 24), 0.0, "permute " + t);
            k.gatherStrided(xb, 16, new int[] {4, 2}, out, new int[] {2, 2});
            assertArrayEquals(slice, download(out, 4), 0.0, "slice " + t);
            k.gatherStrided(xb, 0, new int[] {0, 1}, out, new int[] {5, 4});
            assertArrayEquals(bcast, download(out, 20), 0.0, "broadcast " + t);
            assertThrows(IllegalArgumentException.class,
                    () -> k.gatherStrided(xb, 20, new int[] {4, 2}, out, new int[] {2, 2}));
        }
        // scatter-add, adjoint of the broadcast: acc[j] += sum_i src[i, j], src [1023, 4]
        int rows = 1023;
        double[] src = rounded(t, uniform(r, rows * 4, -1, 1));
        double[] init = rounded(t, uniform(r, 4, -1, 1));
        double[] expected = init.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 4; j++) {
                expected[j] += src[i * 4 + j];
            }
        }
        try (ClBuffer sb = upload(t, src); ClBuffer acc = upload(t, init)) {
            k.scatterAddStrided(sb, new int[] {rows, 4}, acc, 0, new int[] {0, 1});
            assertClose(t, expected, download(acc, 4), rtol(t) * rows, "scatterAddStrided " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClDType.class, names = {"F32", "F64"})
    void indexSelectAndIndexAdd(ClDType t) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        Random r = new Random(23);
        int outer = 3;
        int n = 17;
        int inner = 4;
        int m = 7;
        double[] x = rounded(t, uniform(r, outer * n * inner, -1, 1));
        int[] idx = {0, 16, 5, 5, 9, 16, 2};
        double[] sel = new double[outer * m * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < inner; i++) {
                    sel[(o * m + j) * inner + i] = x[(o * n + idx[j]) * inner + i];
                }
            }
        }
        double[] src = rounded(t, uniform(r, outer * m * inner, -1, 1));
        double[] added = new double[outer * n * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < inner; i++) {
                    added[(o * n + idx[j]) * inner + i] += src[(o * m + j) * inner + i];
                }
            }
        }
        ClContext ctx = ClTestSupport.context();
        try (ClBuffer xb = upload(t, x); ClBuffer ib = ctx.allocate(ClDType.I32, m);
                ClBuffer out = ctx.allocate(t, outer * m * inner); ClBuffer sb = upload(t, src);
                ClBuffer acc = ctx.allocate(t, outer * n * inner)) {
            ib.write(idx);
            k.indexSelect(xb, ib, out, outer, n, inner, m);
            assertArrayEquals(sel, download(out, sel.length), 0.0, "indexSelect " + t);
            acc.fill(0);
            k.indexAdd(sb, ib, acc, outer, n, inner, m);
            assertClose(t, added, download(acc, added.length), 0, "indexAdd " + t);
            k.checkIndexErrors();

            ib.write(new int[] {0, 1, 17, 2, 3, 4, 5});
            k.indexSelect(xb, ib, out, outer, n, inner, m);
            assertTrue(Double.isNaN(download(out, sel.length)[2 * inner]), "bad index gives NaN");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, k::checkIndexErrors);
            assertTrue(e.getMessage().contains("index 17 at position 2"), e.getMessage());
            k.checkIndexErrors(); // cleared
        }
    }

    static Stream<Arguments> topkCases() {
        int[][] cases = {{1, 1, 1}, {3, 7, 3}, {2, 17, 16}, {4, 1023, 64}, {2, 4096, 10}, {5, 16, 16}};
        List<Arguments> out = new ArrayList<>();
        for (ClDType t : List.of(ClDType.F32, ClDType.F64)) {
            for (int[] c : cases) {
                out.add(Arguments.of(t, c, true));
                out.add(Arguments.of(t, c, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} largest={2}")
    @MethodSource("topkCases")
    void topkMatchesReference(ClDType t, int[] c, boolean largest) {
        ClTestSupport.assumeF64(t);
        ClKernels k = ClTestSupport.kernels();
        int rows = c[0];
        int cols = c[1];
        int kk = c[2];
        long seed = 1L * rows * cols + kk + (largest ? 99 : 0) + t.ordinal();
        Random r = new Random(seed);
        // few distinct values so ties are frequent
        double[] s = Arrays.stream(uniform(r, rows * cols, -50, 50)).map(v -> Math.rint(v) / 4).toArray();
        int[] expIdx = new int[rows * kk];
        double[] expVal = new double[rows * kk];
        for (int i = 0; i < rows; i++) {
            final int row = i;
            Comparator<Integer> order = Comparator.comparingDouble(j -> largest ? -s[row * cols + j] : s[row * cols + j]);
            Integer[] cand = IntStream.range(0, cols).boxed().sorted(order.thenComparingInt(j -> j))
                    .toArray(Integer[]::new);
            for (int j = 0; j < kk; j++) {
                expIdx[i * kk + j] = cand[j];
                expVal[i * kk + j] = s[i * cols + cand[j]];
            }
        }
        ClContext ctx = ClTestSupport.context();
        try (ClBuffer sb = upload(t, s); ClBuffer vals = ctx.allocate(t, rows * kk);
                ClBuffer idx = ctx.allocate(ClDType.I32, rows * kk)) {
            k.topk(sb, rows, cols, kk, largest, vals, idx);
            String what = "topk " + t + " " + Arrays.toString(c) + " largest=" + largest + " seed=" + seed;
            assertArrayEquals(expIdx, idx.readInts(), what);
            assertArrayEquals(expVal, download(vals, rows * kk), 0.0, what);
            assertThrows(IllegalArgumentException.class, () -> k.topk(sb, rows, cols, cols + 1, largest, vals, idx));
        }
    }

    @Test
    void broadcastHelpers() {
        assertArrayEquals(new int[] {3, 4, 5}, ClKernels.broadcastShape(new int[] {3, 1, 5}, new int[] {4, 1}));
        assertArrayEquals(new int[] {0, 1, 0}, ClKernels.broadcastStrides(new int[] {4, 1}, new int[] {3, 4, 5}));
        assertArrayEquals(new int[] {20, 5, 1}, ClKernels.contiguousStrides(new int[] {3, 4, 5}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClKernels.broadcastShape(new int[] {3}, new int[] {4}));
        assertTrue(e.getMessage().contains("cannot be broadcast"), e.getMessage());
    }
}
