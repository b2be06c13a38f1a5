package io.contrast4j.samplers.miners;

/**
 * A detached query × reference distance (or similarity) matrix with the labels, as miners read it.
 *
 * @param v        row-major values
 * @param rows     number of queries (batch rows)
 * @param cols     number of references
 * @param inverted true for a similarity (larger = closer)
 * @param labels   query labels
 * @param refLabels reference labels
 * @param sameSet  whether the reference set is the batch itself (then (i, i) is not a pair)
 */
public record DistMatrix(double[] v, int rows, int cols, boolean inverted, int[] labels, int[] refLabels, boolean sameSet) {

    public double get(int i, int j) {
        return v[i * cols + j];
    }

    /** (i, j) is a positive pair: same label, and not the same sample. */
    public boolean isPos(int i, int j) {
        return labels[i] == refLabels[j] && !(sameSet && i == j);
    }

    /** (i, j) is a negative pair: different labels. */
    public boolean isNeg(int i, int j) {
        return labels[i] != refLabels[j];
    }

    /**
     * PML's oriented margin "margin(x, y)": x − y for a distance, y − x for a similarity; e.g.
     * {@code margin(d_an, d_ap)} is positive when the negative is farther than the positive.
     */
    public double margin(double x, double y) {
        return inverted ? y - x : x - y;
    }

    /** Whether value x is closer than y (smaller distance or larger similarity). */
    public boolean closer(double x, double y) {
        return inverted ? x > y : x < y;
    }
}
