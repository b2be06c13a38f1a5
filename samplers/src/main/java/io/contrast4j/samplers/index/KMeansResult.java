package io.contrast4j.samplers.index;

/**
 * Result of {@link KMeans#fit}.
 *
 * @param centroids      {@code k x d} row-major centroids (unit length for spherical k-means)
 * @param k              number of clusters
 * @param dim            dimension d
 * @param assignments    cluster of every point, in {@code [0, k)}, nearest centroid (ties to the lower cluster)
 * @param inertia        objective at the returned centroids: Σ‖x − c‖² (L2) or Σ(1 − cos(x, c)) (spherical)
 * @param iterations     Lloyd iterations run (assignment + update steps)
 * @param converged      whether the tolerance (or unchanged assignments) stopped it before max iterations
 * @param inertiaHistory objective after each assignment step, one per iteration, then the final one
 */
public record KMeansResult(float[] centroids, int k, int dim, int[] assignments, double inertia, int iterations,
                           boolean converged, double[] inertiaHistory) {

    /** Copy of centroid {@code c}. */
    public float[] centroid(int c) {
        if (c < 0 || c >= k) throw new IllegalArgumentException("cluster " + c + " outside [0, " + k + ")");
        return java.util.Arrays.copyOfRange(centroids, c * dim, (c + 1) * dim);
    }

    /** Number of points assigned to each cluster. */
    public int[] clusterSizes() {
        int[] sizes = new int[k];
        for (int a : assignments) sizes[a]++;
        return sizes;
    }
}
