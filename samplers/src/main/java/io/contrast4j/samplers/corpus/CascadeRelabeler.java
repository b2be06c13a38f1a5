package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S210 · Cascaded relabelling of false negatives (Thakur et al. 2025, <i>Fixing Data That Hurts Performance: Cascading
 * LLMs to Relabel Hard Negatives for Robust Information Retrieval</i>, RLHN). A cheap judge flags suspected false
 * negatives, an expensive judge confirms; confirmed ones are removed from the negatives (as a
 * {@link FalseNegativeFilter} in the S201 chain) or relabelled as positives ({@link #relabel}).
 * Stand-ins (T3; orig. GPT-4o-mini → GPT-4o cascade): cheap judge = the mining bi-encoder, flag n iff
 * s(q,n) ≥ ρ·s(q,p); expensive judge = any {@link PairScorer} (e.g. a small cross-encoder's σ(logit)), confirm iff
 * judge(q,n) ≥ θ. Only flagged candidates reach the expensive judge.
 * Defaults: ρ = 0.9, θ = 0.5 (library choices; the catalog gives none). Rule from the abstract [A]; the stand-in
 * thresholds follow CATALOG.md.
 */
public final class CascadeRelabeler implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S210", "Cascaded relabelling of false negatives (RLHN)", "corpus-mining", "T3",
            "Thakur et al. 2025, Fixing Data That Hurts Performance: Cascading LLMs to Relabel Hard Negatives for Robust Information Retrieval",
            "flag n iff s(q,n) ≥ ρ·s(q,p); confirm iff judge(q,n) ≥ θ; confirmed → removed or relabelled positive");

    /**
     * Result of {@link #relabel}: the negatives that stay (with their scores), per row the confirmed false negatives
     * now used as extra positives, and how many candidates were flagged / confirmed (= expensive-judge calls / hits).
     */
    public record Relabelled(int[][] negatives, double[][] negativeScores, int[][] newPositives, long flagged, long confirmed) {
    }

    private final PairScorer judge;
    private final double rho;
    private final double threshold;

    public CascadeRelabeler(PairScorer judge, double rho, double threshold) {
        if (judge == null) throw new IllegalArgumentException("parameter 'judge' must not be null");
        this.judge = judge;
        this.rho = FalseNegativeFilter.finite("rho", rho);
        this.threshold = FalseNegativeFilter.finite("threshold", threshold);
    }

    public CascadeRelabeler(PairScorer judge) {
        this(judge, 0.9, 0.5);
    }

    /** Cheap-judge flag: s(q,n) ≥ ρ·s(q,p). */
    public boolean flagged(double candidateScore, double positiveScore) {
        return candidateScore >= rho * positiveScore;
    }

    /** Cascade decision for candidate {@code doc} of query row {@code row}. */
    public boolean confirmed(int row, int doc, double candidateScore, double positiveScore) {
        return flagged(candidateScore, positiveScore) && judge.score(row, doc) >= threshold;
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) k[r] = !confirmed(c.row(), c.ids()[r], c.scores()[r], c.positiveScore());
        return k;
    }

    /** Relabels mined negatives: confirmed false negatives move to {@code newPositives}. */
    public Relabelled relabel(MinedNegatives mined) {
        if (mined == null) throw new IllegalArgumentException("parameter 'mined' must not be null");
        int n = mined.rows();
        int[][] neg = new int[n][];
        double[][] ns = new double[n][];
        int[][] pos = new int[n][];
        long flagged = 0, confirmed = 0;
        for (int q = 0; q < n; q++) {
            List<Integer> keep = new ArrayList<>(), up = new ArrayList<>();
            double sp = mined.positiveScores()[q];
            for (int j = 0; j < mined.ids()[q].length; j++) {
                int id = mined.ids()[q][j];
                double s = mined.scores()[q][j];
                if (flagged(s, sp)) {
                    flagged++;
                    if (judge.score(q, id) >= threshold) {
                        confirmed++;
                        up.add(id);
                        continue;
                    }
                }
                keep.add(j);
            }
            neg[q] = new int[keep.size()];
            ns[q] = new double[keep.size()];
            for (int i = 0; i < keep.size(); i++) {
                neg[q][i] = mined.ids()[q][keep.get(i)];
                ns[q][i] = mined.scores()[q][keep.get(i)];
            }
            pos[q] = up.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Relabelled(neg, ns, pos, flagged, confirmed);
    }

    @Override
    public String name() {
        return "cascade_relabel";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rho", String.valueOf(rho));
        m.put("threshold", String.valueOf(threshold));
        return m;
    }
}
