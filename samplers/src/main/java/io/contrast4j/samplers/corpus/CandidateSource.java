package io.contrast4j.samplers.corpus;

/**
 * Ranked candidate documents with teacher scores for query rows (CATALOG.md §(h) common contract). Scores are
 * similarities (higher = more similar), so the positive-aware filters can compare a candidate with the positive.
 */
public interface CandidateSource {
    /** Number of query rows this source answers. */
    int numQueries();

    /** Number of documents in the corpus. */
    int corpusSize();

    /**
     * The best {@code k} candidates of rows {@code [from, to)}, best first, never returning {@code exclude[q - from]}
     * ({@code exclude} may be null, rows may be null). {@code ids[i][r]}, {@code scores[i][r]}: r-th candidate of row
     * {@code from + i}. Rows can be shorter than k.
     */
    Ranked candidates(int from, int to, int k, int[][] exclude);

    /** {@link #candidates(int, int, int, int[][])} for all rows. */
    default Ranked candidates(int k, int[][] exclude) {
        return candidates(0, numQueries(), k, exclude);
    }

    /** Checks a row range, naming the parameters. */
    static void checkRange(int from, int to, int n) {
        if (from < 0 || to > n || from > to) throw new IllegalArgumentException("rows [" + from + ", " + to + ") out of range [0, " + n + ")");
    }

    /** Teacher score of corpus document {@code doc} for query row {@code query} (same scale as the candidates). */
    double score(int query, int doc);

    /** Ranked ids and scores per row. */
    record Ranked(int[][] ids, double[][] scores) {
    }
}
