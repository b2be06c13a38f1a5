package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * R11 · Stop-gradient sample weights (the SampleWeighter contract; synthesis of the catalog's re-weighting notes).
 * Weights w = f(terms) are computed from detached values (no gradient flows through them):
 * {@code normalized}: L = Σ sg(w)·ℓ / Σ sg(w); {@code mean}: mean(sg(w)·ℓ); {@code sum}: Σ sg(w)·ℓ.
 * Default mode {@code normalized}. A zero weight total in normalized mode gives a zero loss with graph.
 */
public final class SampleWeightReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R11", "Stop-gradient sample weights", "reducer", "T1",
            "contrast4j SampleWeighter contract (focal/hard up-weighting, curricula, LinUpper, IPS)",
            "L = Σ sg(w)ℓ / Σ sg(w) | mean(sg(w)ℓ) | Σ sg(w)ℓ");

    public enum Mode { NORMALIZED, MEAN, SUM }

    private final Function<LossTerms, double[]> weigher;
    private final Mode mode;

    /** {@code weigher} sees the terms (its losses detached) and returns one weight per term. */
    public SampleWeightReducer(Function<LossTerms, double[]> weigher, Mode mode) {
        this.weigher = weigher;
        this.mode = mode;
    }

    public static Mode mode(String s) {
        try {
            return Mode.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'mode' must be normalized, mean or sum, got '" + s + "'");
        }
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        Tensor l = terms.losses();
        LossTerms detached = new LossTerms(l.detach(), terms.type(), terms.anchors(), terms.others(), terms.divisor());
        double[] w = weigher.apply(detached);
        if (w.length != terms.size()) throw new IllegalArgumentException("SampleWeightReducer: " + w.length + " weights for " + terms.size() + " terms");
        Tensor wt = Tensor.of(w, w.length).to(l.dtype());
        Tensor s = l.reshape(w.length).mul(wt).sum();
        return switch (mode) {
            case SUM -> s;
            case MEAN -> s.div(w.length);
            case NORMALIZED -> {
                double tot = 0;
                for (double v : w) tot += v;
                yield tot == 0 ? l.mul(0.0).sum() : s.div(tot);
            }
        };
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "normalized");
    }
}
