package io.contrast4j.samplers.corpus;

/**
 * The ranked candidates of one mining row (a query with one positive), best first, as seen by a
 * {@link FalseNegativeFilter} and a {@link NegativeSelector}.
 *
 * @param row           row number (index into the miner's query rows)
 * @param positive      corpus id of the row's positive
 * @param positiveScore teacher score s(q, p) of the positive
 * @param ids           candidate corpus ids, best first (excluded ids already removed)
 * @param scores        their teacher scores s(q, n) (similarities, higher = more similar)
 * @param ranks         their 0-based rank in the candidate source's full ranking
 */
public record QueryCandidates(int row, int positive, double positiveScore, int[] ids, double[] scores, int[] ranks) {
    public QueryCandidates {
        if (ids.length != scores.length || ids.length != ranks.length) {
            throw new IllegalArgumentException("candidates: ids, scores and ranks must have equal length, got "
                    + ids.length + ", " + scores.length + ", " + ranks.length);
        }
    }

    public int size() {
        return ids.length;
    }

    /** The candidates at the kept positions, in order. */
    public QueryCandidates keepOnly(boolean[] keep) {
        if (keep.length != ids.length) throw new IllegalArgumentException("keep mask length " + keep.length + " != candidates " + ids.length);
        int n = 0;
        for (boolean k : keep) if (k) n++;
        int[] i2 = new int[n], r2 = new int[n];
        double[] s2 = new double[n];
        int j = 0;
        for (int i = 0; i < ids.length; i++) {
            if (keep[i]) {
                i2[j] = ids[i];
                s2[j] = scores[i];
                r2[j] = ranks[i];
                j++;
            }
        }
        return new QueryCandidates(row, positive, positiveScore, i2, s2, r2);
    }
}
