package io.contrast4j.autograd;

import java.util.Arrays;

/** Static helpers on shapes ({@code int[]}, row-major): element counts, strides and NumPy broadcasting. */
public final class Shape {
    private Shape() {
    }

    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative dimension in shape " + str(shape));
            n *= s;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
        return (int) n;
    }

    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** The broadcast shape of {@code a} and {@code b}, or an error naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides of {@code in} viewed as {@code out} (right-aligned; 0 on broadcast dimensions). */
    public static int[] broadcastStrides(int[] in, int[] out) {
        int[] st = strides(in);
        int[] r = new int[out.length];
        int off = out.length - in.length;
        for (int i = 0; i < out.length; i++) {
            if (i < off) r[i] = 0;
            else r[i] = in[i - off] == 1 && out[i] != 1 ? 0 : st[i - off];
        }
        return r;
    }

    /** Normalises a possibly negative axis, naming the op on error. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        return a;
    }

    public static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
