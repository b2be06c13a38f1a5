package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;

/**
 * Shared inputs and helpers of the listwise ranking losses (ST-CE layout): {@code scores} B x C (one row per query,
 * one column per candidate), graded {@code labels} B x C (floats; a label ≤ −0.5, e.g. −1, marks a padded slot) and an
 * optional I32 {@code mask} B x C (0 = padded).
 */
public final class Lists {
    public static final String SCORES = "scores";
    public static final String LABELS = "labels";
    public static final String MASK = "mask";
    public static final String TEACHER = "teacher_scores";
    /** Labels at or below this value mark padded slots (ST pads with −1). */
    public static final double PAD_BELOW = -0.5;

    private Lists() {
    }

    public static Input scoresInput() {
        return Input.floats(SCORES, "B x C", "student scores per query (row) and candidate (column)");
    }

    public static Input labelsInput() {
        return Input.floats(LABELS, "B x C", "graded relevance labels; <= -0.5 (e.g. -1) marks padding");
    }

    public static Input maskInput() {
        return Input.ints(MASK, "B x C", "1 = real candidate, 0 = padding").asOptional();
    }

    public static Tensor scores(String id, LossInputs in) {
        Tensor s = in.get(SCORES);
        if (s.rank() != 2 || s.dim(0) == 0 || s.dim(1) == 0) throw new IllegalArgumentException(id + ": scores must be B x C with B, C >= 1, got " + Shape.str(s.shape()));
        return s;
    }

    /** A B x C float input shaped like the scores. */
    public static Tensor like(String id, LossInputs in, String name, Tensor s) {
        Tensor t = in.get(name);
        if (!Shape.same(t.shape(), s.shape())) throw new IllegalArgumentException(id + ": " + name + " must be " + Shape.str(s.shape()) + " like the scores, got " + Shape.str(t.shape()));
        if (t.dtype() != s.dtype()) throw new IllegalArgumentException(id + ": " + name + " must be " + s.dtype() + " like the scores, got " + t.dtype());
        return t;
    }

    /** Real (non-padded) slots: label Real (non-padded) slots: label ≥ 0gt; −0.5 (when labels given) and mask ≠ 0 (when a mask is given). */
    public static boolean[][] valid(String id, LossInputs in, Tensor s, Tensor labels) {
        int b = s.dim(0), c = s.dim(1);
        boolean[][] v = new boolean[b][c];
        double[] y = labels == null ? null : host(labels);
        int[] m = null;
        if (in.has(MASK)) {
            Tensor mt = in.get(MASK);
            if (!Shape.same(mt.shape(), s.shape())) throw new IllegalArgumentException(id + ": mask must be " + Shape.str(s.shape()) + ", got " + Shape.str(mt.shape()));
            m = mt.toIntArray();
        }
        for (int i = 0; i < b; i++)
            for (int j = 0; j < c; j++) {
                boolean ok = y == null || y[i * c + j] > PAD_BELOW;
                if (m != null && m[i * c + j] == 0) ok = false;
                if (y != null && Double.isNaN(y[i * c + j])) throw new IllegalArgumentException(id + ": label at (" + i + ", " + j + ") is NaN");
                v[i][j] = ok;
            }
        return v;
    }

    public static double[] host(Tensor t) {
        try (var g = Grad.off()) {
            return t.detach().toDoubleArray();
        }
    }

    /** Per row: indices of the real slots sorted by {@code key} descending (ties to the lower index), then the padded ones. */
    public static int[] orderDesc(double[] key, boolean[][] valid) {
        int b = valid.length, c = b == 0 ? 0 : valid[0].length;
        int[] out = new int[b * c];
        for (int i = 0; i < b; i++) {
            Integer[] idx = new Integer[c];
            for (int j = 0; j < c; j++) idx[j] = j;
            final int row = i;
            Arrays.sort(idx, (x, yy) -> {
                boolean vx = valid[row][x], vy = valid[row][yy];
                if (vx != vy) return vx ? -1 : 1;
                if (!vx) return Integer.compare(x, yy);
                int cmp = Double.compare(key[row * c + yy], key[row * c + x]);
                return cmp != 0 ? cmp : Integer.compare(x, yy);
            });
            for (int j = 0; j < c; j++) out[i * c + j] = idx[j];
        }
        return out;
    }

    /** Identity order per row with padded slots moved last. */
    public static int[] inputOrder(boolean[][] valid) {
        double[] zero = new double[valid.length * (valid.length == 0 ? 0 : valid[0].length)];
        return orderDesc(zero, valid);
    }

    /** x gathered along axis 1 by a flattened B x C permutation. */
    public static Tensor permute(Tensor x, int[] perm) {
        return x.gather(1, Tensor.ofInts(perm, x.dim(0), x.dim(1)));
    }

    /** A B x C {0,1} tensor of the valid flags, in {@code perm} order when perm is non-null. */
    public static Tensor validTensor(boolean[][] valid, int[] perm, Tensor like) {
        int b = valid.length, c = valid[0].length;
        double[] v = new double[b * c];
        for (int i = 0; i < b; i++) for (int j = 0; j < c; j++) v[i * c + j] = valid[i][perm == null ? j : perm[i * c + j]] ? 1 : 0;
        return Tensor.of(v, b, c).to(like.dtype());
    }

    public static int count(boolean[] row) {
        int n = 0;
        for (boolean x : row) if (x) n++;
        return n;
    }
}
