package io.contrast4j.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The primitive device kernels the autograd engine needs, for F32 and F64, on {@link ClBuffer}s of
 * one {@link ClContext}. All kernels come from one OpenCL C template ({@code kernels.cl} plus the
 * unary/binary op tables below) in which the token {@code REAL} is replaced by {@code float} or
 * {@code double}; each dtype's program is built once on first use and cached by the
 * {@link ClCompiler}. Calls only enqueue work (in order); reading a buffer waits for it.
 *
 * <p>Layout conventions: buffers are row-major; a shape has at most {@value #MAX_RANK} dims;
 * strides are in elements and a stride of 0 broadcasts. Float buffers of one call must share one
 * dtype; index buffers are {@link ClDType#I32}. Bad shapes or sizes throw
 * {@link IllegalArgumentException}; an out-of-range index inside a gather/scatter kernel is
 * recorded on the device (gather writes NaN, scatter skips it) and reported by
 * {@link #checkIndexErrors()}.
 */
public final class ClKernels {
    /** Largest rank of a broadcast / strided view. */
    public static final int MAX_RANK = 8;
    /** Largest k of {@link #topk}. */
    public static final int MAX_TOPK = 64;

    /** Unary ops: expression of {@code v} (the element) and the parameters {@code p1}, {@code p2}. */
    private static final Map<String, String> UNARY = new LinkedHashMap<>();
    /** Binary ops: expression of {@code u} (from a) and {@code v} (from b). */
    private static final Map<String, String> BINARY = new LinkedHashMap<>();

    static {
        UNARY.put("neg", "-v");
        UNARY.put("exp", "exp(v)");
        UNARY.put("log", "log(v)");
        UNARY.put("log1p", "log1p(v)");
        UNARY.put("sqrt", "sqrt(v)");
        UNARY.put("rsqrt", "rsqrt(v)");
        UNARY.put("abs", "fabs(v)");
        UNARY.put("relu", "v < LIT(0.0) ? LIT(0.0) : v");
        UNARY.put("leaky_relu", "v < LIT(0.0) ? p1 * v : v");
        UNARY.put("sigmoid", "v >= LIT(0.0) ? LIT(1.0) / (LIT(1.0) + exp(-v)) : exp(v) / (LIT(1.0) + exp(v))");
        UNARY.put("tanh", "tanh(v)");
        UNARY.put("gelu", "LIT(0.5) * v * (LIT(1.0) + erf(v * LIT(0.70710678118654752440)))");
        UNARY.put("softplus", "fmax(v, LIT(0.0)) + log1p(exp(-fabs(v)))");
        UNARY.put("clamp", "v < p1 ? p1 : (v > p2 ? p2 : v)");
        UNARY.put("sign", "isnan(v) ? v : (v > LIT(0.0) ? LIT(1.0) : (v < LIT(0.0) ? LIT(-1.0) : LIT(0.0)))");
        UNARY.put("square", "v * v");
        UNARY.put("reciprocal", "LIT(1.0) / v");
        UNARY.put("sin", "sin(v)");
        UNARY.put("cos", "cos(v)");
        UNARY.put("affine", "p1 * v + p2");
        UNARY.put("pow_scalar", "pow(v, p1)");
        UNARY.put("gelu_grad", "LIT(0.5) * (LIT(1.0) + erf(v * LIT(0.70710678118654752440)))"
                + " + v * exp(LIT(-0.5) * v * v) * LIT(0.39894228040143267794)");
        UNARY.put("step", "v > LIT(0.0) ? LIT(1.0) : LIT(0.0)");

        BINARY.put("add", "u + v");
        BINARY.put("sub", "u - v");
        BINARY.put("mul", "u * v");
        BINARY.put("div", "u / v");
        BINARY.put("pow", "pow(u, v)");
        BINARY.put("min", "min_nan(u, v)");
        BINARY.put("max", "max_nan(u, v)");
        BINARY.put("gt", "u > v ? LIT(1.0) : LIT(0.0)");
        BINARY.put("ge", "u >= v ? LIT(1.0) : LIT(0.0)");
        BINARY.put("lt", "u < v ? LIT(1.0) : LIT(0.0)");
        BINARY.put("le", "u <= v ? LIT(1.0) : LIT(0.0)");
        BINARY.put("eq", "u == v ? LIT(1.0) : LIT(0.0)");
        BINARY.put("ne", "u != v ? LIT(1.0) : LIT(0.0)");
    }

    private static final Set<String> REDUCE = Set.of("sum", "max", "min");
    private static final String TEMPLATE = loadTemplate();

    private final ClContext ctx;
    private final Map<ClDType, ClProgram> programs = new EnumMap<>(ClDType.class);
    private final int tile;
    private ClBuffer indexErrors;

    public ClKernels(ClContext ctx) {
        this.ctx = ctx;
        long wg = ctx.device().maxWorkGroupSize();
        this.tile = wg >= 256 ? 16 : wg >= 64 ? 8 : wg >= 16 ? 4 : 1;
    }

    public ClContext context() {
        return ctx;
    }

    /** Names accepted by {@link #unary}. */
    public static Set<String> unaryOps() {
        return UNARY.keySet();
    }

    /** Names accepted by {@link #binary}. */
    public static Set<String> binaryOps() {
        return BINARY.keySet();
    }

    /** Names accepted by {@link #reduce}. */
    public static Set<String> reduceOps() {
        return REDUCE;
    }

    // ------------------------------------------------------------------ source generation

    private static String loadTemplate() {
        try (InputStream in = ClKernels.class.getResourceAsStream("kernels.cl")) {
            if (in == null) {
                throw new IllegalStateException("resource io/contrast4j/gpu/kernels.cl missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The complete OpenCL C source of the kernels for {@code dtype} on {@code device}. */
    public static String source(ClDType dtype, ClDevice device, int tile) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("kernels exist for F32 and F64, not " + dtype);
        }
        StringBuilder sb = new StringBuilder();
        if (dtype == ClDType.F64) {
            sb.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n#define LIT(x) x\n#define C4J_F64 1\n");
            if (device.int64Atomics()) {
                sb.append("""
                        #pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
                        #define HAS_ATOMIC_ADD 1
                        inline void atomic_add_real(volatile __global double* p, double v) {
                            ulong old, nw;
                            do {
                                old = as_ulong(*p);
                                nw = as_ulong(as_double(old) + v);
                            } while (atom_cmpxchg((volatile __global ulong*) p, old, nw) != old);
                        }
                        """);
            }
        } else {
            sb.append("""
                    #define LIT(x) x##f
                    #define HAS_ATOMIC_ADD 1
                    inline void atomic_add_real(volatile __global float* p, float v) {
                        uint old, nw;
                        do {
                            old = as_uint(*p);
                            nw = as_uint(as_float(old) + v);
                        } while (atomic_cmpxchg((volatile __global uint*) p, old, nw) != old);
                    }
                    """);
        }
        sb.append("#define TS ").append(tile).append("\n#define KMAX ").append(MAX_TOPK).append('\n');
        sb.append(TEMPLATE).append('\n');
        UNARY.forEach((name, expr) -> sb.append("__kernel void unary_").append(name).append("""
                (__global const REAL* x, __global REAL* y, int n, REAL p1, REAL p2) {
                    int i = get_global_id(0);
                    if (i >= n) return;
                    REAL v = x[i];
                    y[i] = """).append(expr).append(";\n}\n"));
        BINARY.forEach((name, expr) -> sb.append("__kernel void binary_").append(name).append("""
                (__global const REAL* a, int aoff, int8 sa, __global const REAL* b, int boff, int8 sb,
                        __global REAL* y, int8 shape, int rank, int n) {
                    int i = get_global_id(0);
                    if (i >= n) return;
                    int sh[8], s0[8], s1[8];
                    vstore8(shape, 0, sh); vstore8(sa, 0, s0); vstore8(sb, 0, s1);
                    int ia = aoff, ib = boff, r = i;
                    for (int d = rank - 1; d >= 0; --d) {
                        int c = r % sh[d];
                        r /= sh[d];
                        ia += c * s0[d];
                        ib += c * s1[d];
                    }
                    REAL u = a[ia], v = b[ib];
                    y[i] = """).append(expr).append(";\n}\n"));
        return sb.toString().replace("REAL", dtype.cType());
    }

    private ClProgram program(ClDType dtype) {
        synchronized (programs) {
            ClProgram p = programs.get(dtype);
            if (p == null) {
                if (dtype == ClDType.F64 && !ctx.device().fp64()) {
                    throw new IllegalArgumentException("device '" + ctx.device().name()
                            + "' does not support F64 (no cl_khr_fp64 extension)");
                }
                p = ctx.compiler().build(source(dtype, ctx.device(), tile), "");
                programs.put(dtype, p);
            }
            return p;
        }
    }

    private ClKernel kernel(ClDType dtype, String name) {
        return program(dtype).kernel(name);
    }

    /** Work-group size of the 1-D elementwise launches (fixed, so each kernel is specialised once). */
    private static final int ELEMENTWISE_GROUP = 64;

    /** Launches a 1-D kernel over n items (kernels guard i >= n) with a fixed work-group size. */
    private void launch1d(ClKernel k, long n, Object... args) {
        long ls = pow2AtMost(Math.min(ELEMENTWISE_GROUP, k.maxWorkGroupSize()), ELEMENTWISE_GROUP);
        ctx.launch(k, new long[] {(n + ls - 1) / ls * ls}, new long[] {ls}, args);
    }

    // ------------------------------------------------------------------ validation helpers

    private static ClDType floatType(ClBuffer... bs) {
        ClDType t = bs[0].dtype();
        if (!t.isFloating()) {
            throw new IllegalArgumentException("expected an F32 or F64 buffer, got " + t);
        }
        for (ClBuffer b : bs) {
            if (b.dtype() != t) {
                throw new IllegalArgumentException("mixed dtypes " + t + " and " + b.dtype() + " in one kernel call");
            }
        }
        return t;
    }

    private static void need(ClBuffer b, long elements, String what) {
        if (b.length() < elements) {
            throw new IllegalArgumentException(what + ": buffer of " + b.length() + " elements, needs " + elements);
        }
    }

    private static void requireIndexBuffer(ClBuffer idx) {
        if (idx.dtype() != ClDType.I32) {
            throw new IllegalArgumentException("index buffer must be I32, got " + idx.dtype());
        }
    }

    private Object scalar(ClDType t, double v) {
        return t == ClDType.F32 ? (Object) (float) v : (Object) v;
    }

    private static int nonNeg(int v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
        return v;
    }

    /**
     * Work-group size of the tree reductions: 32 for short rows, else 256 (capped by the kernel's limit).
     * Two fixed sizes keep the number of driver specialisations per kernel small.
     */
    private static int groupSize(ClKernel k, long extent) {
        return pow2AtMost(Math.min(extent <= 32 ? 32 : 256, k.maxWorkGroupSize()), 256);
    }

    static int pow2AtMost(long limit, long want) {
        int p = 1;
        while (p * 2L <= limit && p < want) {
            p *= 2;
        }
        return p;
    }

    /** Contiguous row-major strides of {@code shape}. */
    public static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc = Math.multiplyExact(acc, shape[d]);
        }
        return s;
    }

    /** Number of elements of {@code shape}. */
    public static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** NumPy broadcast of two shapes (aligned on the right). */
    public static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (dim " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides (aligned to {@code out}) reading a contiguous {@code shape} broadcast to {@code out}: 0 on broadcast dims. */
    public static int[] broadcastStrides(int[] shape, int[] out) {
        if (shape.length > out.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more dims than "
                    + Arrays.toString(out));
        }
        int[] cs = contiguousStrides(shape);
        int[] s = new int[out.length];
        int off = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != out[i + off] && shape[i] != 1) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not broadcast to "
                        + Arrays.toString(out));
            }
            s[i + off] = shape[i] == 1 && out[i + off] != 1 ? 0 : cs[i];
        }
        return s;
    }

    private static int[] vec8(int[] v, String what) {
        if (v.length > MAX_RANK) {
            throw new IllegalArgumentException(what + " has rank " + v.length + " > " + MAX_RANK);
        }
        return Arrays.copyOf(v, MAX_RANK);
    }

    /** Largest element index (plus one) a strided view reads: offset + sum (dim-1)*stride + 1. */
    private static long extent(int offset, int[] shape, int[] strides, String what) {
        if (strides.length != shape.length) {
            throw new IllegalArgumentException(what + ": " + strides.length + " strides for rank " + shape.length);
        }
        long hi = offset;
        for (int d = 0; d < shape.length; d++) {
            if (strides[d] < 0) {
                throw new IllegalArgumentException(what + ": negative stride " + strides[d]);
            }
            hi += (long) (shape[d] - 1) * strides[d];
        }
        if (offset < 0) {
            throw new IllegalArgumentException(what + ": negative offset " + offset);
        }
        return hi + 1;
    }

    // ------------------------------------------------------------------ elementwise

    /**
     * {@code out[i] = op(x[i])} for {@code i < n}. Ops: neg, exp, log, log1p, sqrt, rsqrt, abs, relu,
     * leaky_relu (p1 = negative slope), sigmoid (stable), tanh, gelu (exact: 0.5 x (1 + erf(x/sqrt 2))),
     * softplus (stable: max(x,0) + log1p(exp(-|x|))), clamp (p1 = lo, p2 = hi), sign, square,
     * reciprocal, sin, cos, affine (p1 * x + p2), pow_scalar (x^p1), gelu_grad (d gelu / dx:
     * 0.5 (1 + erf(x/sqrt 2)) + x phi(x)), step (1 where x &gt; 0 else 0). {@code out} may be {@code x}.
     */
    public void unary(String op, ClBuffer x, ClBuffer out, int n, double p1, double p2) {
        if (!UNARY.containsKey(op)) {
            throw new IllegalArgumentException("unknown unary op '" + op + "'; known: " + UNARY.keySet());
        }
        ClDType t = floatType(x, out);
        need(x, nonNeg(n, "n"), "unary " + op + " input");
        need(out, n, "unary " + op + " output");
        if (n == 0) {
            return;
        }
        launch1d(kernel(t, "unary_" + op), n, x, out, n, scalar(t, p1), scalar(t, p2));
    }

    /** {@link #unary(String, ClBuffer, ClBuffer, int, double, double)} with no parameters. */
    public void unary(String op, ClBuffer x, ClBuffer out, int n) {
        unary(op, x, out, n, 0, 0);
    }

    /**
     * {@code out[i] = op(a[...], b[...])} over the contiguous {@code outShape}; element (c_0..c_r) of the
     * output reads {@code a[aOffset + sum c_d aStrides[d]]} and likewise for b. Ops: add, sub, mul, div,
     * pow, min, max (NaN-propagating), gt, ge, lt, le, eq, ne (1 or 0).
     */
    public void binary(String op, ClBuffer a, int aOffset, int[] aStrides, ClBuffer b, int bOffset, int[] bStrides,
            ClBuffer out, int[] outShape) {
        if (!BINARY.containsKey(op)) {
            throw new IllegalArgumentException("unknown binary op '" + op + "'; known: " + BINARY.keySet());
        }
        ClDType t = floatType(a, b, out);
        int n = numel(outShape);
        need(out, n, "binary " + op + " output");
        if (n == 0) {
            return;
        }
        need(a, extent(aOffset, outShape, aStrides, "binary " + op + " a"), "binary " + op + " a");
        need(b, extent(bOffset, outShape, bStrides, "binary " + op + " b"), "binary " + op + " b");
        launch1d(kernel(t, "binary_" + op), n, a, aOffset, vec8(aStrides, "a strides"), b,
                bOffset, vec8(bStrides, "b strides"), out, vec8(outShape, "output shape"), outShape.length, n);
    }

    /**
     * NumPy-broadcasting binary op on contiguous operands: {@code out} (contiguous, shape
     * {@code broadcastShape(aShape, bShape)}) = op(a, b). Returns the output shape.
     */
    public int[] binary(String op, ClBuffer a, int[] aShape, ClBuffer b, int[] bShape, ClBuffer out) {
        int[] shape = broadcastShape(aShape, bShape);
        binary(op, a, 0, broadcastStrides(aShape, shape), b, 0, broadcastStrides(bShape, shape), out, shape);
        return shape;
    }

    /** {@code out = mask != 0 ? a : b} with NumPy broadcasting of the three contiguous operands; returns the shape. */
    public int[] where(ClBuffer mask, int[] maskShape, ClBuffer a, int[] aShape, ClBuffer b, int[] bShape,
            ClBuffer out) {
        ClDType t = floatType(mask, a, b, out);
        int[] shape = broadcastShape(broadcastShape(maskShape, aShape), bShape);
        int n = numel(shape);
        need(mask, numel(maskShape), "where mask");
        need(a, numel(aShape), "where a");
        need(b, numel(bShape), "where b");
        need(out, n, "where output");
        if (n > 0) {
            launch1d(kernel(t, "where_select"), n,
                    mask, 0, vec8(broadcastStrides(maskShape, shape), "mask strides"),
                    a, 0, vec8(broadcastStrides(aShape, shape), "a strides"),
                    b, 0, vec8(broadcastStrides(bShape, shape), "b strides"),
                    out, vec8(shape, "output shape"), shape.length, n);
        }
        return shape;
    }

    // ------------------------------------------------------------------ reductions

    /**
     * {@code out[o, t] = op_k x[o, k, t]} over the middle axis of an {@code [outer, r, inner]} view;
     * op is sum, max or min (max/min propagate NaN; an empty axis gives 0, -inf, +inf).
     * One work-group per output with a local-memory tree reduction.
     */
    public void reduce(String op, ClBuffer x, ClBuffer out, int outer, int r, int inner) {
        if (!REDUCE.contains(op)) {
            throw new IllegalArgumentException("unknown reduction '" + op + "'; known: " + REDUCE);
        }
        ClDType t = floatType(x, out);
        long outs = (long) nonNeg(outer, "outer") * nonNeg(inner, "inner");
        need(x, outs * nonNeg(r, "r"), "reduce " + op + " input");
        need(out, outs, "reduce " + op + " output");
        if (outs == 0) {
            return;
        }
        ClKernel k = kernel(t, "reduce_" + op);
        int ls = groupSize(k, r);
        ctx.launch(k, new long[] {outs * ls}, new long[] {ls}, x, out, outer, r, inner,
                new ClLocal((long) ls * t.bytes()));
    }

    private void softmaxFamily(ClBuffer x, ClBuffer out, int rows, int cols, int mode) {
        ClDType t = floatType(x, out);
        need(x, (long) nonNeg(rows, "rows") * nonNeg(cols, "cols"), "softmax input");
        need(out, mode == 2 ? rows : (long) rows * cols, "softmax output");
        if (rows == 0) {
            return;
        }
        ClKernel k = kernel(t, "softmax_rows");
        int ls = groupSize(k, cols);
        ctx.launch(k, new long[] {(long) rows * ls}, new long[] {ls}, x, out, rows, cols, mode,
                new ClLocal((long) ls * t.bytes()));
    }

    /** Row-wise softmax of {@code [rows, cols]} (max-subtracted). */
    public void softmaxRows(ClBuffer x, ClBuffer out, int rows, int cols) {
        softmaxFamily(x, out, rows, cols, 0);
    }

    /** Row-wise log-softmax of {@code [rows, cols]}: x - logsumexp(row). */
    public void logSoftmaxRows(ClBuffer x, ClBuffer out, int rows, int cols) {
        softmaxFamily(x, out, rows, cols, 1);
    }

    /** {@code out[row] = max + log(sum exp(x - max))} for {@code [rows, cols]}. */
    public void logSumExpRows(ClBuffer x, ClBuffer out, int rows, int cols) {
        softmaxFamily(x, out, rows, cols, 2);
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Batched {@code C[b] = alpha * op(A[b]) op(B[b]) + beta * C[b]}: op(A) is m x k, op(B) is k x n,
     * C is m x n, all row-major; {@code transA} means A[b] is stored k x m, {@code transB} that B[b] is
     * stored n x k. Batch b reads A at {@code aOffset + b * aBatchStride} (stride 0 broadcasts), likewise
     * B and C. With beta = 0, C is not read. Tiled with local-memory tiles.
     */
    public void matmul(ClBuffer a, int aOffset, int aBatchStride, ClBuffer b, int bOffset, int bBatchStride,
            ClBuffer c, int cOffset, int cBatchStride, int batch, int m, int n, int k, boolean transA,
            boolean transB, double alpha, double beta) {
        ClDType t = floatType(a, b, c);
        nonNeg(batch, "batch");
        nonNeg(m, "m");
        nonNeg(n, "n");
        nonNeg(k, "k");
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        need(a, aOffset + (long) (batch - 1) * aBatchStride + (long) m * k, "matmul A");
        need(b, bOffset + (long) (batch - 1) * bBatchStride + (long) k * n, "matmul B");
        need(c, cOffset + (long) (batch - 1) * cBatchStride + (long) m * n, "matmul C");
        long gx = ((long) n + tile - 1) / tile * tile;
        long gy = ((long) m + tile - 1) / tile * tile;
        ctx.launch(kernel(t, "matmul"), new long[] {gx, gy, batch}, new long[] {tile, tile, 1}, a, aOffset,
                aBatchStride, b, bOffset, bBatchStride, c, cOffset, cBatchStride, m, n, k, transA ? 1 : 0,
                transB ? 1 : 0, scalar(t, alpha), scalar(t, beta));
    }

    /** Contiguous batched {@code C = op(A) op(B)}: batch strides m*k, k*n, m*n; alpha 1, beta 0. */
    public void matmul(ClBuffer a, ClBuffer b, ClBuffer c, int batch, int m, int n, int k, boolean transA,
            boolean transB) {
        matmul(a, 0, m * k, b, 0, k * n, c, 0, m * n, batch, m, n, k, transA, transB, 1, 0);
    }

    // ------------------------------------------------------------------ gather / scatter

    /**
     * Materialises a strided view: {@code out[i] = x[xOffset + sum_d c_d(i) xStrides[d]]} where c(i) are
     * the row-major coordinates of i in {@code shape} (permute, slice, broadcast with stride 0).
     */
    public void gatherStrided(ClBuffer x, int xOffset, int[] xStrides, ClBuffer out, int[] shape) {
        ClDType t = floatType(x, out);
        int n = numel(shape);
        need(out, n, "gatherStrided output");
        if (n == 0) {
            return;
        }
        need(x, extent(xOffset, shape, xStrides, "gatherStrided x"), "gatherStrided x");
        launch1d(kernel(t, "gather_strided"), n, x, xOffset, vec8(xStrides, "x strides"),
                out, vec8(shape, "shape"), shape.length, n);
    }

    /**
     * Adjoint of {@link #gatherStrided}: {@code out[outOffset + sum_d c_d(i) outStrides[d]] += src[i]}
     * for the contiguous {@code src} of {@code shape}. Overlapping targets (stride 0) are summed with
     * atomics, so the summation order (and the last bits of the result) is not deterministic.
     */
    public void scatterAddStrided(ClBuffer src, int[] shape, ClBuffer out, int outOffset, int[] outStrides) {
        ClDType t = floatType(src, out);
        int n = numel(shape);
        need(src, n, "scatterAddStrided src");
        if (n == 0) {
            return;
        }
        need(out, extent(outOffset, shape, outStrides, "scatterAddStrided out"), "scatterAddStrided out");
        launch1d(atomicKernel(t, "scatter_add_strided"), n, src, out, outOffset,
                vec8(outStrides, "out strides"), vec8(shape, "shape"), shape.length, n);
    }

    private ClKernel atomicKernel(ClDType t, String name) {
        if (t == ClDType.F64 && !ctx.device().int64Atomics()) {
            throw new IllegalArgumentException(name + " on F64 needs cl_khr_int64_base_atomics, which device '"
                    + ctx.device().name() + "' lacks");
        }
        return kernel(t, name);
    }

    private synchronized ClBuffer indexErrors() {
        if (indexErrors == null) {
            indexErrors = ctx.allocate(ClDType.I32, 3);
            indexErrors.fill(0);
        }
        return indexErrors;
    }

    /**
     * Index select along an axis: x is {@code [outer, n, inner]}, idx holds m indices in [0, n),
     * {@code out[o, j, t] = x[o, idx[j], t]} ({@code [outer, m, inner]}).
     */
    public void indexSelect(ClBuffer x, ClBuffer idx, ClBuffer out, int outer, int n, int inner, int m) {
        ClDType t = floatType(x, out);
        requireIndexBuffer(idx);
        long total = (long) nonNeg(outer, "outer") * nonNeg(m, "m") * nonNeg(inner, "inner");
        need(x, (long) outer * nonNeg(n, "n") * inner, "indexSelect x");
        need(idx, m, "indexSelect idx");
        need(out, total, "indexSelect output");
        if (total == 0) {
            return;
        }
        launch1d(kernel(t, "index_select"), total, x, idx, out, outer, n, inner, m,
                indexErrors());
    }

    /**
     * Scatter-add along an axis (adjoint of {@link #indexSelect}): src is {@code [outer, m, inner]},
     * {@code out[o, idx[j], t] += src[o, j, t]} with out {@code [outer, n, inner]}; repeated indices are
     * summed with atomics (order not deterministic).
     */
    public void indexAdd(ClBuffer src, ClBuffer idx, ClBuffer out, int outer, int n, int inner, int m) {
        ClDType t = floatType(src, out);
        requireIndexBuffer(idx);
        long total = (long) nonNeg(outer, "outer") * nonNeg(m, "m") * nonNeg(inner, "inner");
        need(src, total, "indexAdd src");
        need(idx, m, "indexAdd idx");
        need(out, (long) outer * nonNeg(n, "n") * inner, "indexAdd output");
        if (total == 0) {
            return;
        }
        launch1d(atomicKernel(t, "index_add"), total, src, idx, out, outer, n, inner, m,
                indexErrors());
    }

    /**
     * Per-row gather along an axis (torch.gather): x is {@code [outer, n, inner]}, idx is
     * {@code [outer, m, inner]} (I32, values in [0, n)), {@code out[o, j, t] = x[o, idx[o, j, t], t]}.
     */
    public void gather(ClBuffer x, ClBuffer idx, ClBuffer out, int outer, int n, int inner, int m) {
        ClDType t = floatType(x, out);
        requireIndexBuffer(idx);
        long total = (long) nonNeg(outer, "outer") * nonNeg(m, "m") * nonNeg(inner, "inner");
        need(x, (long) outer * nonNeg(n, "n") * inner, "gather x");
        need(idx, total, "gather idx");
        need(out, total, "gather output");
        if (total == 0) {
            return;
        }
        launch1d(kernel(t, "gather_rows"), total, x, idx, out, outer, n, inner, m, indexErrors());
    }

    /**
     * Adjoint of {@link #gather}: {@code out[o, idx[o, j, t], t] += src[o, j, t]} with src and idx
     * {@code [outer, m, inner]} and out {@code [outer, n, inner]}; repeated targets are summed with atomics.
     */
    public void scatterAddRows(ClBuffer src, ClBuffer idx, ClBuffer out, int outer, int n, int inner, int m) {
        ClDType t = floatType(src, out);
        requireIndexBuffer(idx);
        long total = (long) nonNeg(outer, "outer") * nonNeg(m, "m") * nonNeg(inner, "inner");
        need(src, total, "scatterAddRows src");
        need(idx, total, "scatterAddRows idx");
        need(out, (long) outer * nonNeg(n, "n") * inner, "scatterAddRows output");
        if (total == 0) {
            return;
        }
        launch1d(atomicKernel(t, "scatter_add_rows"), total, src, idx, out, outer, n, inner, m, indexErrors());
    }

    /**
     * {@link #scatterAddStrided} without atomics (deterministic, and F64 needs no 64-bit atomics):
     * only valid when the view {@code (outOffset, shape, outStrides)} addresses every element at most
     * once, which the caller must guarantee.
     */
    public void addStrided(ClBuffer src, int[] shape, ClBuffer out, int outOffset, int[] outStrides) {
        ClDType t = floatType(src, out);
        int n = numel(shape);
        need(src, n, "addStrided src");
        if (n == 0) {
            return;
        }
        need(out, extent(outOffset, shape, outStrides, "addStrided out"), "addStrided out");
        launch1d(kernel(t, "add_strided"), n, src, out, outOffset, vec8(outStrides, "out strides"),
                vec8(shape, "shape"), shape.length, n);
    }

    /**
     * Converts the first {@code n} elements of {@code x} into {@code out}'s type: F32 &lt;-&gt; F64
     * (round to nearest), I32 -&gt; F32/F64, F32/F64 -&gt; I32 (Java semantics: toward zero, saturating,
     * NaN to 0). Same types copy.
     */
    public void cast(ClBuffer x, ClBuffer out, int n) {
        need(x, nonNeg(n, "n"), "cast input");
        need(out, n, "cast output");
        if (n == 0) {
            return;
        }
        ClDType from = x.dtype(), to = out.dtype();
        if (from == to) {
            out.copyFrom(x, 0, 0, n);
            return;
        }
        String name;
        ClDType prog;
        if (from == ClDType.I32) {
            name = "cast_from_int";
            prog = to;
        } else if (to == ClDType.I32) {
            name = "cast_to_int";
            prog = from;
        } else {
            name = from == ClDType.F32 ? "cast_from_float" : "cast_to_float";
            prog = ClDType.F64;
        }
        launch1d(kernel(prog, name), n, x, out, n);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first out-of-range index met by
     * {@link #indexSelect} or {@link #indexAdd} since the last check, and clears the record. Waits for
     * the queue.
     */
    public void checkIndexErrors() {
        if (indexErrors == null) {
            return;
        }
        int[] e = indexErrors.readInts();
        if (e[0] != 0) {
            indexErrors.fill(0);
            throw new IllegalArgumentException("index " + e[1] + " at position " + e[2]
                    + " of an index buffer is out of range for the indexed axis");
        }
    }

    // ------------------------------------------------------------------ top-k

    /**
     * Fused row-wise top-k of a {@code [rows, cols]} score matrix: {@code values} and {@code indices}
     * ({@code [rows, k]}, I32) get each row's k largest (or smallest when {@code largest} is false)
     * scores, best first; ties keep the lower column first, NaN ranks last. 1 <= k <= min(cols, 64).
     */
    public void topk(ClBuffer scores, int rows, int cols, int k, boolean largest, ClBuffer values,
            ClBuffer indices) {
        ClDType t = floatType(scores, values);
        requireIndexBuffer(indices);
        if (k < 1 || k > MAX_TOPK || k > cols) {
            throw new IllegalArgumentException("top-k needs 1 <= k <= min(cols=" + cols + ", " + MAX_TOPK
                    + "), got k=" + k);
        }
        need(scores, (long) nonNeg(rows, "rows") * cols, "topk scores");
        need(values, (long) rows * k, "topk values");
        need(indices, (long) rows * k, "topk indices");
        if (rows == 0) {
            return;
        }
        launch1d(kernel(t, "topk_rows"), rows, scores, rows, cols, k, largest ? 1 : 0, values,
                indices);
    }
}
