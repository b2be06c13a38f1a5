package io.contrast4j.gpu;

import java.util.Arrays;

/**
 * A strided iteration space shared by several operands, simplified before a kernel launch: dimensions of size 1 are
 * dropped and neighbours that are contiguous in every operand are merged. This keeps ranks within
 * {@link ClKernels#MAX_RANK} and makes index arithmetic cheaper.
 *
 * @param shape   simplified shape (rank 0 for a single element)
 * @param strides one simplified stride array per operand, in the order given
 */
record StridedView(int[] shape, int[][] strides) {

    static StridedView of(int[] shape, int[]... strides) {
        int ops = strides.length;
        int rank = shape.length;
        int[] s = new int[rank];
        int[][] st = new int[ops][rank];
        int r = 0;
        for (int d = rank - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            boolean merge = r > 0;
            for (int o = 0; o < ops && merge; o++) {
                merge = (long) st[o][r - 1] * s[r - 1] == strides[o][d];
            }
            if (merge) {
                s[r - 1] *= shape[d];
            } else {
                s[r] = shape[d];
                for (int o = 0; o < ops; o++) {
                    st[o][r] = strides[o][d];
                }
                r++;
            }
        }
        int[] outShape = new int[r];
        int[][] outStrides = new int[ops][r];
        for (int i = 0; i < r; i++) {
            outShape[i] = s[r - 1 - i];
            for (int o = 0; o < ops; o++) {
                outStrides[o][i] = st[o][r - 1 - i];
            }
        }
        return new StridedView(outShape, outStrides);
    }

    int rank() {
        return shape.length;
    }

    /** Whether the view of operand {@code op} addresses every element at most once (a sufficient test). */
    boolean distinct(int op) {
        int r = shape.length;
        long[][] dims = new long[r][];
        for (int d = 0; d < r; d++) {
            dims[d] = new long[] {strides[op][d], shape[d]};
        }
        Arrays.sort(dims, (x, y) -> Long.compare(x[0], y[0]));
        long reach = 0;
        for (long[] dim : dims) {
            if (dim[0] <= reach) {
                return false;
            }
            reach += dim[0] * (dim[1] - 1);
        }
        return true;
    }
}
