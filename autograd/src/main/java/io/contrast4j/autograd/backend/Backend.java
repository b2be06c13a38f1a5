package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;

/**
 * The kernel SPI: a small set of primitive kernels over flat {@link Storage}. Every {@code Tensor} op and every
 * backward rule is composed from these, so a backend that implements them runs the whole catalog.
 *
 * <p>Shapes are row-major and contiguous unless a method takes explicit strides. Kernels never mutate their inputs,
 * except {@link #stridedAddInto}, which accumulates into {@code dst} in place.
 */
public interface Backend {
    /** Short name used on the command line and in {@code c4j info}: {@code scalar}, {@code vector}, {@code opencl}. */
    String name();

    /** Moves host data to this backend's memory (identity on CPU backends). */
    Storage upload(HostStorage host);

    /** Copies this backend's memory to the host (identity on CPU backends). */
    HostStorage download(Storage s);

    /** A zero-filled buffer of {@code n} elements. */
    Storage zeros(DType dtype, int n);

    /** A buffer of {@code n} elements all equal to {@code value}. */
    Storage full(DType dtype, int n, double value);

    /** Converts element type (F32 &lt;-&gt; F64, I32 -&gt; float). */
    Storage cast(Storage x, DType to);

    /** {@code out[i] = op(x[i]; p1, p2)}. */
    Storage unary(UnaryOp op, Storage x, double p1, double p2);

    /** {@code out = op(a, b)} with NumPy broadcasting of {@code aShape}, {@code bShape} to {@code outShape}. */
    Storage binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape);

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}, all of the same size. */
    Storage where(Storage mask, Storage a, Storage b);

    /** Reduces the middle axis of an {@code [outer, r, inner]} view; output {@code [outer, inner]}. */
    Storage reduce(ReduceOp op, Storage x, int outer, int r, int inner);

    /**
     * Batched matrix product {@code C[b] = op(A[b]) . op(B[b])} with {@code op(A)} of shape {@code m x k} and
     * {@code op(B)} {@code k x n}. {@code transA}: A is stored {@code k x m}; {@code transB}: B is stored {@code n x k}.
     * {@code aBatch}/{@code bBatch} false means that operand is shared by all {@code batch} products.
     */
    Storage matmul(Storage a, Storage b, int batch, int m, int k, int n, boolean transA, boolean transB,
                   boolean aBatch, boolean bBatch);

    /** Gathers the strided view {@code (offset, shape, strides)} of {@code src} into a new contiguous buffer. */
    Storage stridedCopy(Storage src, int offset, int[] shape, int[] strides);

    /** {@code dst[view] += src}, where the view {@code (offset, shape, strides)} may repeat elements (then they sum). */
    void stridedAddInto(Storage dst, int offset, int[] shape, int[] strides, Storage src);

    /** Selects, along the middle axis of an {@code [outer, dim, inner]} view, the rows {@code index} (I32, length k). */
    Storage indexSelect(Storage src, int outer, int dim, int inner, Storage index);

    /**
     * PyTorch {@code gather} along the middle axis: {@code out[o, j, i] = src[o, index[o, j, i], i]}, where
     * {@code index} is I32 of shape {@code [outer, k, inner]}.
     */
    Storage gather(Storage src, int outer, int dim, int inner, Storage index, int k);

    /**
     * Adjoint of {@link #gather} and {@link #indexSelect}: a zero {@code [outer, dim, inner]} buffer with
     * {@code out[o, index[o, j, i], i] += src[o, j, i]}. When {@code perRow} is false, {@code index} has length k and
     * is shared by every {@code (o, i)} (the adjoint of indexSelect).
     */
    Storage scatterAdd(Storage src, int outer, int dim, int inner, Storage index, int k, boolean perRow);

    /** Indices of the {@code k} largest (or smallest) entries of each row of a {@code rows x cols} matrix, ties to the lower index. */
    Storage topk(Storage x, int rows, int cols, int k, boolean largest);
}
