package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Masked pooling of token states {@code [B, T, D]} into {@code [B, k·D]} (catalog E01, T1; sentence-transformers
 * {@code Pooling}). With padding mask m: mean = Σ m_t h_t / Σ m_t; mean_sqrt_len = Σ m_t h_t / √Σ m_t;
 * weighted mean (SGPT) with position weights w_t = t·m_t (t = 1..T): Σ w_t h_t / Σ w_t; max = max over real tokens
 * (pads set to −1e9 as ST); cls = the first token; last_token = the last real token. Several modes are
 * concatenated in the order given. Denominators are clamped at 1e-9 as ST. Default: mean.
 */
public final class Pooling extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E01", "Pooling (mean, CLS, max, last-token, weighted-mean, mean-sqrt-len)",
            "encoder", "T1", "sentence-transformers Pooling; SGPT (Muennighoff 2022) position-weighted mean",
            "mean = Σ m_t h_t / Σ m_t; weighted: w_t = t/Σt; max over real tokens; cls = h_0; last = last real token");

    public enum Mode { MEAN, MAX, CLS, LAST_TOKEN, WEIGHTED_MEAN, MEAN_SQRT_LEN }

    private static final double PAD_VALUE = -1e9;
    private final List<Mode> modes;

    public Pooling(Mode... modes) {
        if (modes.length == 0) throw new IllegalArgumentException("Pooling: at least one mode");
        Set<Mode> seen = EnumSet.noneOf(Mode.class);
        for (Mode m : modes) if (!seen.add(m)) throw new IllegalArgumentException("Pooling: mode " + m + " given twice");
        this.modes = List.of(modes);
    }

    public static Pooling mean() {
        return new Pooling(Mode.MEAN);
    }

    /** Modes by ST names: mean, max, cls, lasttoken, weightedmean, mean_sqrt_len_tokens. */
    public static Pooling of(String... names) {
        Mode[] m = new Mode[names.length];
        for (int i = 0; i < names.length; i++) {
            m[i] = switch (names[i].toLowerCase(java.util.Locale.ROOT)) {
                case "mean" -> Mode.MEAN;
                case "max" -> Mode.MAX;
                case "cls" -> Mode.CLS;
                case "lasttoken", "last_token", "last" -> Mode.LAST_TOKEN;
                case "weightedmean", "weighted_mean" -> Mode.WEIGHTED_MEAN;
                case "mean_sqrt_len_tokens", "mean_sqrt_len" -> Mode.MEAN_SQRT_LEN;
                default -> throw new IllegalArgumentException("Pooling: unknown mode '" + names[i] + "' (mean, max, cls, lasttoken, weightedmean, mean_sqrt_len_tokens)");
            };
        }
        return new Pooling(m);
    }

    public List<Mode> modes() {
        return modes;
    }

    /** Output width for token states of width {@code d}. */
    public int outputDim(int d) {
        return d * modes.size();
    }

    /** All tokens real. */
    @Override
    public Tensor forward(Tensor h) {
        return forward(h, Tensor.ones(h.dtype(), h.dim(0), h.dim(1)));
    }

    /** {@code h [B, T, D]}, {@code mask [B, T]} (1 = real) → {@code [B, k·D]}. */
    public Tensor forward(Tensor h, Tensor mask) {
        int[] s = h.shape();
        if (s.length != 3) throw new IllegalArgumentException("Pooling: token states must be [B, T, D], got " + Arrays.toString(s));
        int b = s[0], t = s[1], d = s[2];
        if (!Arrays.equals(mask.shape(), new int[]{b, t})) throw new IllegalArgumentException("Pooling: mask must be [" + b + ", " + t + "], got " + Arrays.toString(mask.shape()));
        DType dt = h.dtype();
        Tensor m = mask.detach().to(dt);
        Tensor m3 = m.reshape(b, t, 1);
        List<Tensor> parts = new ArrayList<>();
        for (Mode mode : modes) {
            parts.add(switch (mode) {
                case MEAN -> h.mul(m3).sum(1).div(m.sum(new int[]{1}, true).clampMin(1e-9));
                case MEAN_SQRT_LEN -> h.mul(m3).sum(1).div(m.sum(new int[]{1}, true).clampMin(1e-9).sqrt());
                case WEIGHTED_MEAN -> {
                    Tensor w = m.mul(Tensor.arange(dt, t).add(1.0).reshape(1, t));
                    yield h.mul(w.reshape(b, t, 1)).sum(1).div(w.sum(new int[]{1}, true).clampMin(1e-9));
                }
                case MAX -> Tensor.where(m3, h, Tensor.full(dt, PAD_VALUE)).max(1);
                case CLS -> h.slice(1, 0, 1).reshape(b, d);
                case LAST_TOKEN -> h.reshape(b * t, d).indexSelect(0, Tensor.ofInts(lastReal(m, b, t), b));
            });
        }
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 1);
    }

    private static int[] lastReal(Tensor m, int b, int t) {
        double[] v = m.toDoubleArray();
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            int last = 0;
            for (int j = 0; j < t; j++) if (v[i * t + j] != 0) last = j;
            idx[i] = i * t + last;
        }
        return idx;
    }

    @Override
    protected String describe() {
        return "Pooling" + modes.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
