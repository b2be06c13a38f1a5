package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.BinaryOp;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.ReduceOp;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every {@link Backend} kernel of the vector backend against the scalar reference, on sizes 1, 7, 16, 17, 1023, 4096
 * and odd shapes, F32 and F64, over seeded random inputs (the seed is in every failure message).
 */
class KernelEquivalenceTest {
    private static final Backend S = Backends.byName("scalar"), V = Backends.byName("vector");
    private static final int[] SIZES = {1, 7, 16, 17, 1023, 4096};
    private static final long[] SEEDS = {11, 12};

    static Stream<Arguments> dtypeSizeSeed() {
        List<Arguments> a = new ArrayList<>();
        for (DType dt : new DType[]{DType.F32, DType.F64}) for (int n : SIZES) for (long s : SEEDS) a.add(Arguments.of(dt, n, s));
        return a.stream();
    }

    static Stream<Arguments> dtypeSeed() {
        List<Arguments> a = new ArrayList<>();
        for (DType dt : new DType[]{DType.F32, DType.F64}) for (long s : SEEDS) a.add(Arguments.of(dt, s));
        return a.stream();
    }

    private static HostStorage unaryInput(UnaryOp op, DType dt, Rng r, int n) {
        return switch (op) {
            case LOG, SQRT, POW_SCALAR -> Inputs.uniform(dt, r, n, 1e-3, 20);
            case LOG1P -> Inputs.uniform(dt, r, n, -0.99, 20);
            case EXP -> Inputs.uniform(dt, r, n, -80, 80);
            default -> Inputs.normal(dt, r, n, 3);
        };
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("dtypeSizeSeed")
    void unaryMatches(DType dt, int n, long seed) {
        for (UnaryOp op : UnaryOp.values()) {
            Rng r = new Rng(seed * 31 + op.ordinal());
            HostStorage x = unaryInput(op, dt, r, n);
            double p1 = switch (op) {
                case LEAKY_RELU -> 0.1;
                case CLAMP -> -0.5;
                case POW_SCALAR -> op.ordinal() % 2 == 0 ? 2.5 : 2;
                case AFFINE -> -1.5;
                default -> 0;
            };
            double p2 = op == UnaryOp.CLAMP ? 0.75 : op == UnaryOp.AFFINE ? 0.25 : 0;
            String what = "unary " + op + " " + dt + " n=" + n + " seed=" + seed;
            double[] floor = null;
            if (op == UnaryOp.AFFINE) { // a*x + b cancels: the vector backend fuses it (one rounding), so scale by the terms
                floor = new double[n];
                for (int i = 0; i < n; i++) floor[i] = Math.abs(x.get(i) * p1) + Math.abs(p2);
            }
            Close.near(S.unary(op, x, p1, p2), V.unary(op, x, p1, p2), 1, floor, what);
            if (op == UnaryOp.POW_SCALAR) Close.near(S.unary(op, x, 2, 0), V.unary(op, x, 2, 0), 1, null, what + " p=2");
        }
    }

    /** Shape pairs: equal, scalar either side, row and column broadcast, outer product, 3-D and general broadcasts. */
    private static int[][][] shapePairs(int n) {
        return new int[][][]{
                {{n}, {n}}, {{n}, {1}}, {{1}, {n}}, {{3, n}, {n}}, {{n, 3}, {n, 1}}, {{n, 1}, {1, 5}},
                {{2, 3, n}, {3, 1}}, {{4, 1, 5}, {1, 3, 1}}, {{2, 1, n}, {2, 3, n}}};
    }

    private static HostStorage binaryInput(BinaryOp op, DType dt, Rng r, int n, boolean second) {
        return switch (op) {
            case POW -> second ? Inputs.uniform(dt, r, n, -3, 3) : Inputs.uniform(dt, r, n, 0.1, 5);
            case DIV -> second ? Inputs.uniform(dt, r, n, 0.5, 4) : Inputs.normal(dt, r, n, 2);
            case GT, GE, LT, LE, EQ, MIN, MAX -> Inputs.levels(dt, r, n, 5);
            default -> Inputs.normal(dt, r, n, 2);
        };
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("dtypeSizeSeed")
    void binaryMatchesWithBroadcasting(DType dt, int n, long seed) {
        int m = Math.min(n, 129);
        for (int[][] p : shapePairs(m)) {
            int[] out = Shape.broadcast("test", p[0], p[1]);
            for (BinaryOp op : BinaryOp.values()) {
                Rng r = new Rng(seed * 131 + op.ordinal());
                HostStorage a = binaryInput(op, dt, r, Shape.numel(p[0]), false), b = binaryInput(op, dt, r, Shape.numel(p[1]), true);
                String what = "binary " + op + " " + dt + " " + Arrays.toString(p[0]) + "," + Arrays.toString(p[1]) + " seed=" + seed;
                Storage e = S.binary(op, a, p[0], b, p[1], out), v = V.binary(op, a, p[0], b, p[1], out);
                if (op.isComparison()) Close.exact(e, v, what);
                else Close.near(e, v, 1, null, what);
            }
        }
        // a long flat run (the parallel chunked path)
        int big = n * 40;
        Rng r = new Rng(seed);
        HostStorage a = Inputs.normal(dt, r, big, 1), b = Inputs.normal(dt, r, big, 1);
        int[] sh = {big};
        Close.near(S.binary(BinaryOp.MUL, a, sh, b, sh, sh), V.binary(BinaryOp.MUL, a, sh, b, sh, sh), 1, null, "binary MUL long n=" + big + " seed=" + seed);
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("dtypeSizeSeed")
    void whereMatches(DType dt, int n, long seed) {
        Rng r = new Rng(seed);
        HostStorage m = Inputs.levels(dt, r, n, 2), a = Inputs.normal(dt, r, n, 1), b = Inputs.normal(dt, r, n, 1);
        Close.exact(S.where(m, a, b), V.where(m, a, b), "where " + dt + " n=" + n + " seed=" + seed);
    }

    @ParameterizedTest(name = "{0} n={1} seed={2}")
    @MethodSource("dtypeSizeSeed")
    void reduceMatches(DType dt, int n, long seed) {
        int[][] views = {{1, n, 1}, {3, n, 1}, {1, n, 5}, {2, 7, n}, {n, 1, 3}, {2, 3, 1}, {1, n * 20, 1}};
        for (int[] v : views) {
            Rng r = new Rng(seed + v[0] * 7L + v[2]);
            HostStorage x = Inputs.normal(dt, r, v[0] * v[1] * v[2], 2);
            HostStorage absSum = (HostStorage) S.reduce(ReduceOp.SUM, HostStorage.of(Inputs.abs(x)), v[0], v[1], v[2]);
            double[] floor = new double[absSum.size()];
            for (int i = 0; i < floor.length; i++) floor[i] = absSum.get(i);
            for (ReduceOp op : ReduceOp.values()) {
                String what = "reduce " + op + " " + dt + " " + Arrays.toString(v) + " seed=" + seed;
                Storage e = S.reduce(op, x, v[0], v[1], v[2]), g = V.reduce(op, x, v[0], v[1], v[2]);
                if (op == ReduceOp.SUM) Close.near(e, g, v[1], floor, what);
                else Close.exact(e, g, what);
            }
        }
    }

    static Stream<Arguments> matmulCases() {
        int[][] mkn = {{1, 1, 1}, {7, 16, 17}, {17, 7, 16}, {16, 17, 7}, {1, 1023, 3}, {33, 65, 129}, {130, 300, 70}, {5, 4096, 2}};
        List<Arguments> a = new ArrayList<>();
        for (DType dt : new DType[]{DType.F32, DType.F64}) for (int[] d : mkn) a.add(Arguments.of(dt, d[0], d[1], d[2], 5L + d[1]));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} m={1} k={2} n={3} seed={4}")
    @MethodSource("matmulCases")
    void matmulMatchesForAllTransposesAndBatches(DType dt, int m, int k, int n, long seed) {
        for (int flags = 0; flags < 16; flags++) {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0, aB = (flags & 4) != 0, bB = (flags & 8) != 0;
            int batch = aB || bB ? 3 : 1;
            if (batch > 1 && (long) m * k * n > 200_000) continue;
            Rng r = new Rng(seed * 17 + flags);
            HostStorage a = Inputs.normal(dt, r, (aB ? batch : 1) * m * k, 1), b = Inputs.normal(dt, r, (bB ? batch : 1) * k * n, 1);
            Storage e = S.matmul(a, b, batch, m, k, n, ta, tb, aB, bB), v = V.matmul(a, b, batch, m, k, n, ta, tb, aB, bB);
            HostStorage mag = (HostStorage) S.matmul(HostStorage.of(Inputs.abs(a)), HostStorage.of(Inputs.abs(b)), batch, m, k, n, ta, tb, aB, bB);
            double[] floor = new double[mag.size()];
            for (int i = 0; i < floor.length; i++) floor[i] = mag.get(i);
            Close.near(e, v, k, floor, "matmul " + dt + " m=" + m + " k=" + k + " n=" + n + " ta=" + ta + " tb=" + tb
                    + " aBatch=" + aB + " bBatch=" + bB + " seed=" + seed);
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("dtypeSeed")
    void stridedCopyAndAddIntoMatch(DType dt, long seed) {
        Rng r = new Rng(seed);
        int[] full = {3, 17, 16};
        HostStorage x = Inputs.normal(dt, r, Shape.numel(full), 1);
        int[] st = Shape.strides(full);
        // permutes (incl. a 2-D transpose), a slice with offset, a broadcast view (stride 0)
        Object[][] views = {
                {0, new int[]{16, 3, 17}, new int[]{1, st[0], st[1]}},
                {0, new int[]{17, 3, 16}, new int[]{st[1], st[0], 1}},
                {0, new int[]{51, 16}, new int[]{16, 1}},
                {0, new int[]{16, 51}, new int[]{1, 16}},
                {st[1] * 2 + 3, new int[]{3, 10, 7}, st},
                {5, new int[]{4, 17, 16}, new int[]{0, 16, 1}},
                {0, new int[]{3, 16, 17, 1}, new int[]{st[0], 1, st[1], 1}}};
        for (Object[] v : views) {
            int off = (Integer) v[0];
            int[] shape = (int[]) v[1], strides = (int[]) v[2];
            String what = "view offset=" + off + " shape=" + Arrays.toString(shape) + " strides=" + Arrays.toString(strides) + " " + dt + " seed=" + seed;
            Close.exact(S.stridedCopy(x, off, shape, strides), V.stridedCopy(x, off, shape, strides), "stridedCopy " + what);
            HostStorage src = Inputs.normal(dt, r, Shape.numel(shape), 1);
            HostStorage d1 = Inputs.normal(dt, new Rng(seed + 1), x.size(), 1), d2 = d1.copy();
            S.stridedAddInto(d1, off, shape, strides, src);
            V.stridedAddInto(d2, off, shape, strides, src);
            Close.exact(d1, d2, "stridedAddInto " + what);
        }
        HostStorage ints = HostStorage.of(new int[]{1, 2, 3, 4, 5, 6});
        Close.exact(S.stridedCopy(ints, 0, new int[]{3, 2}, new int[]{1, 3}), V.stridedCopy(ints, 0, new int[]{3, 2}, new int[]{1, 3}), "stridedCopy I32");
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("dtypeSeed")
    void indexingMatches(DType dt, long seed) {
        Rng r = new Rng(seed);
        for (int[] d : new int[][]{{1, 7, 1}, {3, 17, 16}, {2, 1023, 5}, {4, 16, 17}}) {
            int outer = d[0], dim = d[1], inner = d[2], k = 9;
            HostStorage x = Inputs.normal(dt, r, outer * dim * inner, 1);
            HostStorage idx = Inputs.indices(r, k, dim), perRow = Inputs.indices(r, outer * k * inner, dim);
            HostStorage src = Inputs.normal(dt, r, outer * k * inner, 1);
            String what = dt + " " + Arrays.toString(d) + " seed=" + seed;
            Close.exact(S.indexSelect(x, outer, dim, inner, idx), V.indexSelect(x, outer, dim, inner, idx), "indexSelect " + what);
            Close.exact(S.gather(x, outer, dim, inner, perRow, k), V.gather(x, outer, dim, inner, perRow, k), "gather " + what);
            Close.exact(S.scatterAdd(src, outer, dim, inner, idx, k, false), V.scatterAdd(src, outer, dim, inner, idx, k, false), "scatterAdd shared " + what);
            Close.exact(S.scatterAdd(src, outer, dim, inner, perRow, k, true), V.scatterAdd(src, outer, dim, inner, perRow, k, true), "scatterAdd perRow " + what);
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("dtypeSeed")
    void topkMatchesIncludingTies(DType dt, long seed) {
        Rng r = new Rng(seed);
        for (int cols : new int[]{1, 7, 16, 17, 1023}) {
            int rows = 3;
            HostStorage x = cols > 100 ? Inputs.normal(dt, r, rows * cols, 1) : Inputs.levels(dt, r, rows * cols, 4);
            for (int k : new int[]{0, 1, Math.min(5, cols), cols}) {
                for (boolean largest : new boolean[]{true, false}) {
                    Close.exact(S.topk(x, rows, cols, k, largest), V.topk(x, rows, cols, k, largest),
                            "topk " + dt + " cols=" + cols + " k=" + k + " largest=" + largest + " seed=" + seed);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("dtypeSeed")
    void creationAndCastMatch(DType dt, long seed) {
        Rng r = new Rng(seed);
        for (int n : SIZES) {
            Close.exact(S.zeros(dt, n), V.zeros(dt, n), "zeros " + n);
            Close.exact(S.full(dt, n, 0.1), V.full(dt, n, 0.1), "full " + n);
            HostStorage x = Inputs.normal(dt, r, n, 1e3);
            for (DType to : DType.values()) Close.exact(S.cast(x, to), V.cast(x, to), "cast " + dt + "->" + to + " n=" + n + " seed=" + seed);
            Close.exact(S.upload(x), V.upload(x), "upload");
            Close.exact(S.download(x), V.download(x), "download");
        }
    }

    @Test
    void backendsAreDistinct() {
        org.junit.jupiter.api.Assertions.assertEquals("scalar", S.name());
        org.junit.jupiter.api.Assertions.assertEquals("vector", V.name());
    }
}
