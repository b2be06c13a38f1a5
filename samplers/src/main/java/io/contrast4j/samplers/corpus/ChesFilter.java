package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Arrays;
import java.util.Map;

/**
 * S217 · Near-collinearity filter (Razin et al. 2025, <i>Unintentional Unalignment: Likelihood Displacement in Direct
 * Preference Optimization</i>). The paper's CHES score ⟨Σ_k h⁺_k, Σ_k h⁻_k⟩ − ‖Σ_k h⁺_k‖² over response-token hidden
 * states flags preference pairs that cause likelihood displacement. Stand-in (T3, orig. LLM hidden states): on encoder
 * embeddings, CHES(p, n) = ⟨e⁺, e⁻⟩ − ‖e⁺‖² per (q, p, n); a high value means the negative is nearly collinear with
 * the positive (a likely false negative), so n is dropped iff CHES &gt; {@code max_ches}. {@link #keepLowest} is the
 * paper's data-set-level form (drop the highest-CHES fraction). Inner products come from a {@link DocSimilarity} over
 * the raw vectors (a DOT index; on a COSINE index CHES = cos(p,n) − 1).
 * Default max_ches = −0.05 (for unit vectors: drop n iff cos(p,n) &gt; 0.95; library choice, the catalog gives none).
 */
public final class ChesFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S217", "Near-collinearity filter (CHES)", "corpus-mining", "T3",
            "Razin et al. 2025, Unintentional Unalignment: Likelihood Displacement in Direct Preference Optimization",
            "CHES(p,n) = ⟨e⁺,e⁻⟩ − ‖e⁺‖²; drop n iff CHES > max_ches (or the highest-CHES fraction)");
    private final DocSimilarity docs;
    private final double maxChes;

    public ChesFilter(DocSimilarity docs, double maxChes) {
        if (docs == null) throw new IllegalArgumentException("parameter 'docs' must not be null");
        this.docs = docs;
        this.maxChes = FalseNegativeFilter.finite("max_ches", maxChes);
    }

    public ChesFilter(DocSimilarity docs) {
        this(docs, -0.05);
    }

    /** CHES of two embedding vectors: ⟨pos, neg⟩ − ‖pos‖². */
    public static double ches(float[] pos, float[] neg) {
        if (pos == null || neg == null || pos.length != neg.length) throw new IllegalArgumentException("pos and neg must be non-null vectors of equal length");
        double dot = 0, nn = 0;
        for (int i = 0; i < pos.length; i++) {
            dot += (double) pos[i] * neg[i];
            nn += (double) pos[i] * pos[i];
        }
        return dot - nn;
    }

    /** CHES of corpus documents {@code positive} and {@code negative}. */
    public double ches(int positive, int negative) {
        return docs.similarity(positive, negative) - docs.similarity(positive, positive);
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) k[r] = !(ches(c.positive(), c.ids()[r]) > maxChes);
        return k;
    }

    /**
     * Data-set-level filter: keeps all but the ⌈fraction·n⌉ highest CHES values (among equal values the
     * lower index is kept).
     */
    public static boolean[] keepLowest(double[] ches, double dropFraction) {
        if (ches == null) throw new IllegalArgumentException("parameter 'ches' must not be null");
        if (!(dropFraction >= 0 && dropFraction <= 1)) throw new IllegalArgumentException("parameter 'drop_fraction' must be in [0, 1], got " + dropFraction);
        int n = ches.length, drop = (int) Math.ceil(dropFraction * n - 1e-12);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(ches[i])) throw new IllegalArgumentException("ches[" + i + "] is not finite: " + ches[i]);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ches[a] != ches[b] ? Double.compare(ches[b], ches[a]) : Integer.compare(b, a));
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        for (int i = 0; i < drop; i++) keep[order[i]] = false;
        return keep;
    }

    @Override
    public String name() {
        return "ches";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("max_ches", String.valueOf(maxChes));
    }
}
