/*
 * contrast4j OpenCL C kernels, one template for F32 and F64.
 * ClKernels substitutes the token REAL with float or double and prepends a prelude that defines
 * LIT(x) (a literal of type REAL), TS (matmul tile), KMAX (top-k bound) and, when the device has the
 * needed atomics, HAS_ATOMIC_ADD with atomic_add_real(p, v). The per-op unary and binary kernels are
 * generated from ClKernels' op tables and appended after this file.
 * Index arithmetic is in int: every buffer holds fewer than 2^31 elements.
 */

/* Offsets of element i of a row-major [shape] view in up to three strided operands. */
inline void offsets3(int i, int rank, const int* sh, const int* s0, const int* s1, const int* s2,
                     int* o0, int* o1, int* o2) {
    int r = i;
    for (int d = rank - 1; d >= 0; --d) {
        int c = r % sh[d];
        r /= sh[d];
        *o0 += c * s0[d];
        *o1 += c * s1[d];
        *o2 += c * s2[d];
    }
}

/* where(mask, a, b): out[i] = mask != 0 ? a : b, all three broadcast to shape. */
__kernel void where_select(__global const REAL* m, int moff, int8 sm,
                           __global const REAL* a, int aoff, int8 sa,
                           __global const REAL* b, int boff, int8 sb,
                           __global REAL* y, int8 shape, int rank, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[8], s0[8], s1[8], s2[8];
    vstore8(shape, 0, sh); vstore8(sm, 0, s0); vstore8(sa, 0, s1); vstore8(sb, 0, s2);
    int im = moff, ia = aoff, ib = boff;
    offsets3(i, rank, sh, s0, s1, s2, &im, &ia, &ib);
    y[i] = m[im] != LIT(0.0) ? a[ia] : b[ib];
}

/* Strided gather: y[i] = x[xoff + sum_d coord_d(i) * sx_d] (permute / slice / broadcast materialise). */
__kernel void gather_strided(__global const REAL* x, int xoff, int8 sx,
                             __global REAL* y, int8 shape, int rank, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[8], s0[8];
    vstore8(shape, 0, sh); vstore8(sx, 0, s0);
    int ix = xoff, r = i;
    for (int d = rank - 1; d >= 0; --d) {
        int c = r % sh[d];
        r /= sh[d];
        ix += c * s0[d];
    }
    y[i] = x[ix];
}

/* Index select along an axis: y[o, j, t] = x[o, idx[j], t]; a bad index gives NaN and is reported in err. */
__kernel void index_select(__global const REAL* x, __global const int* idx, __global REAL* y,
                           int outer, int n, int inner, int m, volatile __global int* err) {
    int i = get_global_id(0);
    if (i >= outer * m * inner) return;
    int t = i % inner;
    int j = (i / inner) % m;
    int o = i / (inner * m);
    int k = idx[j];
    if (k < 0 || k >= n) {
        y[i] = (REAL) NAN;
        if (atomic_cmpxchg(&err[0], 0, 1) == 0) { err[1] = k; err[2] = j; }
        return;
    }
    y[i] = x[(o * n + k) * inner + t];
}

/* Per-row gather along an axis: y[o, j, t] = x[o, idx[o, j, t], t]; a bad index gives NaN and is reported in err. */
__kernel void gather_rows(__global const REAL* x, __global const int* idx, __global REAL* y,
                          int outer, int n, int inner, int m, volatile __global int* err) {
    int i = get_global_id(0);
    if (i >= outer * m * inner) return;
    int t = i % inner;
    int o = i / (inner * m);
    int k = idx[i];
    if (k < 0 || k >= n) {
        y[i] = (REAL) NAN;
        if (atomic_cmpxchg(&err[0], 0, 1) == 0) { err[1] = k; err[2] = i; }
        return;
    }
    y[i] = x[(o * n + k) * inner + t];
}

/*
 * Strided add without atomics: y[yoff + sum_d coord_d(i) * sy_d] += x[i]. Only for views whose
 * elements are distinct (the caller checks), so every work-item owns its target.
 */
__kernel void add_strided(__global const REAL* x, __global REAL* y, int yoff, int8 sy,
                          int8 shape, int rank, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[8], s0[8];
    vstore8(shape, 0, sh); vstore8(sy, 0, s0);
    int iy = yoff, r = i;
    for (int d = rank - 1; d >= 0; --d) {
        int c = r % sh[d];
        r /= sh[d];
        iy += c * s0[d];
    }
    y[iy] += x[i];
}

/* Element type conversions (Java semantics: float -> int truncates toward zero, saturates, NaN -> 0). */
__kernel void cast_to_int(__global const REAL* x, __global int* y, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    y[i] = convert_int_sat_rtz(x[i]);
}

__kernel void cast_from_int(__global const int* x, __global REAL* y, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    y[i] = convert_REAL(x[i]);
}

#ifdef C4J_F64
__kernel void cast_from_float(__global const float* x, __global double* y, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    y[i] = convert_double(x[i]);
}

__kernel void cast_to_float(__global const double* x, __global float* y, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    y[i] = convert_float(x[i]);
}
#endif

#ifdef HAS_ATOMIC_ADD
/* Strided scatter-add: y[yoff + sum_d coord_d(i) * sy_d] += x[i] (adjoint of gather_strided). */
__kernel void scatter_add_strided(__global const REAL* x, __global REAL* y, int yoff, int8 sy,
                                  int8 shape, int rank, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[8], s0[8];
    vstore8(shape, 0, sh); vstore8(sy, 0, s0);
    int iy = yoff, r = i;
    for (int d = rank - 1; d >= 0; --d) {
        int c = r % sh[d];
        r /= sh[d];
        iy += c * s0[d];
    }
    atomic_add_real(&y[iy], x[i]);
}

/* Scatter-add along an axis: y[o, idx[j], t] += x[o, j, t] (adjoint of index_select). */
__kernel void index_add(__global const REAL* x, __global const int* idx, __global REAL* y,
                        int outer, int n, int inner, int m, volatile __global int* err) {
    int i = get_global_id(0);
    if (i >= outer * m * inner) return;
    int t = i % inner;
    int j = (i / inner) % m;
    int o = i / (inner * m);
    int k = idx[j];
    if (k < 0 || k >= n) {
        if (atomic_cmpxchg(&err[0], 0, 1) == 0) { err[1] = k; err[2] = j; }
        return;
    }
    atomic_add_real(&y[(o * n + k) * inner + t], x[i]);
}

/* Per-row scatter-add along an axis (adjoint of gather_rows): y[o, idx[o, j, t], t] += x[o, j, t]. */
__kernel void scatter_add_rows(__global const REAL* x, __global const int* idx, __global REAL* y,
                               int outer, int n, int inner, int m, volatile __global int* err) {
    int i = get_global_id(0);
    if (i >= outer * m * inner) return;
    int t = i % inner;
    int o = i / (inner * m);
    int k = idx[i];
    if (k < 0 || k >= n) {
        if (atomic_cmpxchg(&err[0], 0, 1) == 0) { err[1] = k; err[2] = i; }
        return;
    }
    atomic_add_real(&y[(o * n + k) * inner + t], x[i]);
}
#endif

/* NaN-propagating max / min (as java.lang.Math). */
inline REAL max_nan(REAL a, REAL b) { return (isnan(a) || isnan(b)) ? a + b : fmax(a, b); }
inline REAL min_nan(REAL a, REAL b) { return (isnan(a) || isnan(b)) ? a + b : fmin(a, b); }

/*
 * Reductions over the middle axis of an [outer, r, inner] view: y[o, t] = op_k x[o, k, t].
 * One work-group per output; the group strides over r, then a tree reduction in local memory.
 * The local size must be a power of two.
 */
#define REDUCE_KERNEL(NAME, IDENT, COMBINE)                                                    \
__kernel void NAME(__global const REAL* x, __global REAL* y, int outer, int r, int inner,     \
                   __local REAL* scratch) {                                                   \
    int g = get_group_id(0);                                                                  \
    int lid = get_local_id(0);                                                                \
    int ls = get_local_size(0);                                                               \
    int o = g / inner, t = g % inner;                                                         \
    __global const REAL* base = x + o * r * inner + t;                                        \
    REAL acc = IDENT;                                                                         \
    for (int k = lid; k < r; k += ls) acc = COMBINE(acc, base[k * inner]);                    \
    scratch[lid] = acc;                                                                       \
    barrier(CLK_LOCAL_MEM_FENCE);                                                             \
    for (int s = ls >> 1; s > 0; s >>= 1) {                                                   \
        if (lid < s) scratch[lid] = COMBINE(scratch[lid], scratch[lid + s]);                  \
        barrier(CLK_LOCAL_MEM_FENCE);                                                         \
    }                                                                                         \
    if (lid == 0) y[g] = scratch[0];                                                          \
}

#define ADD_OP(a, b) ((a) + (b))
REDUCE_KERNEL(reduce_sum, LIT(0.0), ADD_OP)
REDUCE_KERNEL(reduce_max, (REAL) (-INFINITY), max_nan)
REDUCE_KERNEL(reduce_min, (REAL) (INFINITY), min_nan)

/* Work-group tree reductions of one value per work-item; every item gets the result. */
inline REAL group_max(REAL v, __local REAL* scratch) {
    int lid = get_local_id(0), ls = get_local_size(0);
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = ls >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = max_nan(scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    REAL r = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

inline REAL group_sum(REAL v, __local REAL* scratch) {
    int lid = get_local_id(0), ls = get_local_size(0);
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = ls >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    REAL r = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

/*
 * Row-wise softmax family over [rows, cols], one work-group per row, max-subtracted:
 * mode 0 softmax, mode 1 log-softmax, mode 2 logsumexp (y has one value per row).
 * A row of all -inf has max -inf; the shift is then 0 so exp gives 0 and logsumexp -inf.
 */
__kernel void softmax_rows(__global const REAL* x, __global REAL* y, int rows, int cols, int mode,
                           __local REAL* scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0), ls = get_local_size(0);
    __global const REAL* xr = x + row * cols;
    REAL mx = (REAL) (-INFINITY);
    for (int c = lid; c < cols; c += ls) mx = max_nan(mx, xr[c]);
    mx = group_max(mx, scratch);
    REAL shift = mx == (REAL) (-INFINITY) ? LIT(0.0) : mx;
    REAL s = LIT(0.0);
    for (int c = lid; c < cols; c += ls) s += exp(xr[c] - shift);
    s = group_sum(s, scratch);
    if (mode == 2) {
        if (lid == 0) y[row] = shift + log(s);
        return;
    }
    __global REAL* yr = y + row * cols;
    if (mode == 0) {
        REAL inv = LIT(1.0) / s;
        for (int c = lid; c < cols; c += ls) yr[c] = exp(xr[c] - shift) * inv;
    } else {
        REAL lse = shift + log(s);
        for (int c = lid; c < cols; c += ls) yr[c] = xr[c] - lse;
    }
}

/*
 * Batched tiled matmul: C[b] = alpha * op(A[b]) op(B[b]) + beta * C[b], op(A) is MxK, op(B) is KxN,
 * row-major. transA: A[b] is stored KxM; transB: B[b] is stored NxK. Batch strides may be 0
 * (broadcast). Work-groups are TS x TS with TS x TS tiles of A and B in local memory.
 * global = (ceil(N/TS)*TS, ceil(M/TS)*TS, batch), local = (TS, TS, 1).
 */
__kernel void matmul(__global const REAL* A, int aoff, int abatch,
                     __global const REAL* B, int boff, int bbatch,
                     __global REAL* C, int coff, int cbatch,
                     int M, int N, int K, int transA, int transB, REAL alpha, REAL beta) {
    __local REAL As[TS][TS];
    __local REAL Bs[TS][TS + 1];
    int col = get_global_id(0), row = get_global_id(1), bt = get_global_id(2);
    int lc = get_local_id(0), lr = get_local_id(1);
    __global const REAL* a = A + aoff + bt * abatch;
    __global const REAL* b = B + boff + bt * bbatch;
    REAL acc = LIT(0.0);
    for (int t = 0; t < K; t += TS) {
        int ka = t + lc;
        As[lr][lc] = (row < M && ka < K) ? (transA ? a[ka * M + row] : a[row * K + ka]) : LIT(0.0);
        int kb = t + lr;
        Bs[lr][lc] = (kb < K && col < N) ? (transB ? b[col * K + kb] : b[kb * N + col]) : LIT(0.0);
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TS; ++k) acc += As[lr][k] * Bs[k][lc];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) {
        __global REAL* c = C + coff + bt * cbatch + row * N + col;
        *c = beta == LIT(0.0) ? alpha * acc : alpha * acc + beta * *c;
    }
}

/*
 * Fused row-wise top-k over a [rows, cols] score matrix, k <= KMAX: one work-item per row keeps a
 * sorted insertion list. largest = 0 selects the k smallest. Ties keep the lower column first; NaN
 * ranks after every number. vals/idx are [rows, k], best first.
 */
__kernel void topk_rows(__global const REAL* x, int rows, int cols, int k, int largest,
                        __global REAL* vals, __global int* idx) {
    int r = get_global_id(0);
    if (r >= rows) return;
    REAL bv[KMAX];
    int bi[KMAX];
    int cnt = 0;
    REAL sgn = largest ? LIT(1.0) : LIT(-1.0);
    __global const REAL* xr = x + r * cols;
    for (int c = 0; c < cols; ++c) {
        REAL v = sgn * xr[c];
        if (isnan(v)) v = (REAL) (-INFINITY);
        if (cnt == k && !(v > bv[k - 1])) continue;
        int p;
        if (cnt < k) { p = cnt; cnt++; } else { p = k - 1; }
        while (p > 0 && v > bv[p - 1]) { bv[p] = bv[p - 1]; bi[p] = bi[p - 1]; --p; }
        bv[p] = v;
        bi[p] = c;
    }
    for (int j = 0; j < k; ++j) {
        vals[r * k + j] = xr[bi[j]];
        idx[r * k + j] = bi[j];
    }
}
