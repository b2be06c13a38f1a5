package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.Linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Permutation weight matching for a chain of dense layers (catalog O07, T2; Ainsworth et al., <i>Git Re-Basin</i>,
 * ICLR 2023, weight matching; Ito et al., <i>Analysis of Linear Mode Connectivity via Permutation-Based Weight
 * Matching</i>, 2024): find permutations π_l of the hidden units of model B maximising
 * Σ_l ⟨W_l^A, P_l W_l^B P_{l−1}ᵀ⟩ + ⟨b_l^A, P_l b_l^B⟩ (input and output units are not permuted), by coordinate
 * descent: visit the hidden layers in a random order, solve each P_l exactly with {@link LinearAssignment} given the
 * others (score C_ij = ⟨W_l^A[i,:], W_l^B[j, π_{l−1}]⟩ + b_l^A[i] b_l^B[j] + ⟨W_{l+1}^A[:,i], W_{l+1}^B[π_{l+1}, j]⟩),
 * until a full sweep changes nothing (or {@code maxSweeps}). π_l[i] = the unit of B placed at position i.
 * {@link #permute} applies the permutations, giving a functionally identical B aligned to A; merge or measure the
 * barrier ({@link LmcBarrier}) afterwards. Nonlinearities between the layers must be elementwise (ReLU, GELU, …).
 * PLeaS (partial matching + least squares) is not included.
 */
public final class WeightMatching {
    private WeightMatching() {
    }

    /** One dense layer: {@code weight [out, in]}, {@code bias [out]} or null. */
    public record Layer(Tensor weight, Tensor bias) {
        public Layer {
            if (weight.rank() != 2) throw new IllegalArgumentException("Layer: weight must be [out, in], got " + Arrays.toString(weight.shape()));
            if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0))) throw new IllegalArgumentException("Layer: bias must be [" + weight.dim(0) + "], got " + Arrays.toString(bias.shape()));
        }

        public static Layer of(Linear l) {
            return new Layer(l.weight(), l.bias());
        }
    }

    public static List<Layer> layers(List<Linear> ls) {
        return ls.stream().map(Layer::of).toList();
    }

    /** The hidden-unit permutations {@code π_0 … π_{n−2}} aligning {@code b} to {@code a}. */
    public static int[][] match(List<Layer> a, List<Layer> b, Rng rng, int maxSweeps) {
        checkShapes(a, b);
        int n = a.size();
        double[][][] wa = new double[n][][], wb = new double[n][][];
        double[][] ba = new double[n][], bb = new double[n][];
        for (int l = 0; l < n; l++) {
            wa[l] = rows(a.get(l).weight());
            wb[l] = rows(b.get(l).weight());
            ba[l] = a.get(l).bias() == null ? null : a.get(l).bias().toDoubleArray();
            bb[l] = b.get(l).bias() == null ? null : b.get(l).bias().toDoubleArray();
        }
        int[][] perm = new int[n - 1][];
        for (int l = 0; l < n - 1; l++) perm[l] = identity(a.get(l).weight().dim(0));
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            boolean changed = false;
            int[] order = identity(n - 1);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int l : order) {
                int h = wa[l].length;
                int[] prev = l == 0 ? identity(wa[l][0].length) : perm[l - 1];
                int[] next = l + 1 == n - 1 ? identity(wa[l + 1].length) : perm[l + 1];
                double[][] score = new double[h][h];
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < h; j++) {
                        double s = 0;
                        for (int k = 0; k < prev.length; k++) s += wa[l][i][k] * wb[l][j][prev[k]];
                        if (ba[l] != null && bb[l] != null) s += ba[l][i] * bb[l][j];
                        for (int o = 0; o < next.length; o++) s += wa[l + 1][o][i] * wb[l + 1][next[o]][j];
                        score[i][j] = s;
                    }
                }
                int[] p = LinearAssignment.maximize(score);
                if (!Arrays.equals(p, perm[l])) {
                    double before = total(score, perm[l]), after = total(score, p);
                    if (after > before + 1e-12 * Math.max(1, Math.abs(before))) {
                        perm[l] = p;
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return perm;
    }

    private static double total(double[][] s, int[] p) {
        double t = 0;
        for (int i = 0; i < p.length; i++) t += s[i][p[i]];
        return t;
    }

    /** B with hidden units permuted: W'_l[i, k] = W_l[π_l(i), π_{l−1}(k)], b'_l[i] = b_l[π_l(i)] (new tensors). */
    public static List<Layer> permute(List<Layer> b, int[][] perm) {
        int n = b.size();
        if (perm.length != n - 1) throw new IllegalArgumentException("permute: " + perm.length + " permutations for " + n + " layers (need " + (n - 1) + ")");
        List<Layer> out = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            Tensor w = b.get(l).weight();
            int o = w.dim(0), in = w.dim(1);
            int[] rowP = l == n - 1 ? identity(o) : perm[l], colP = l == 0 ? identity(in) : perm[l - 1];
            if (rowP.length != o || colP.length != in) throw new IllegalArgumentException("permute: permutation sizes do not match layer " + l + " " + Arrays.toString(w.shape()));
            Tensor nw = w.detach().indexSelect(0, rowP).indexSelect(1, colP);
            Tensor nb = b.get(l).bias() == null ? null : b.get(l).bias().detach().indexSelect(0, rowP);
            out.add(new Layer(nw, nb));
        }
        return out;
    }

    /** Copies permuted layers back into Linear modules (in place). */
    public static void load(List<Linear> target, List<Layer> values) {
        if (target.size() != values.size()) throw new IllegalArgumentException("load: " + values.size() + " layers for " + target.size() + " modules");
        for (int l = 0; l < target.size(); l++) {
            ModelSoup.copyInto(target.get(l).weight(), values.get(l).weight(), l + ".weight");
            if (target.get(l).bias() != null) ModelSoup.copyInto(target.get(l).bias(), values.get(l).bias(), l + ".bias");
        }
    }

    private static void checkShapes(List<Layer> a, List<Layer> b) {
        if (a.size() != b.size() || a.size() < 2) throw new IllegalArgumentException("WeightMatching: need two chains of the same length >= 2, got " + a.size() + " and " + b.size());
        for (int l = 0; l < a.size(); l++) {
            if (!Arrays.equals(a.get(l).weight().shape(), b.get(l).weight().shape())) throw new IllegalArgumentException("WeightMatching: layer " + l + " shapes differ: " + Arrays.toString(a.get(l).weight().shape()) + " vs " + Arrays.toString(b.get(l).weight().shape()));
            if (l > 0 && a.get(l).weight().dim(1) != a.get(l - 1).weight().dim(0)) throw new IllegalArgumentException("WeightMatching: layer " + l + " input " + a.get(l).weight().dim(1) + " != layer " + (l - 1) + " output " + a.get(l - 1).weight().dim(0));
        }
    }

    private static double[][] rows(Tensor w) {
        int o = w.dim(0), in = w.dim(1);
        double[] v = w.toDoubleArray();
        double[][] r = new double[o][in];
        for (int i = 0; i < o; i++) System.arraycopy(v, i * in, r[i], 0, in);
        return r;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }
}
