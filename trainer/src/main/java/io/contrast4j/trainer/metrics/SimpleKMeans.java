package io.contrast4j.trainer.metrics;

import io.contrast4j.samplers.index.KMeans;

/**
 * Seeded Euclidean k-means for the NMI/AMI of M02: a thin front over samplers' {@link KMeans} (k-means++
 * initialisation, Arthur &amp; Vassilvitskii 2007, then Lloyd iterations until the assignment or the centroids
 * stop changing, or {@code maxIterations}); a point goes to the lowest-index nearest centre. PML clusters with
 * faiss k-means; results agree up to the local optimum found.
 */
public final class SimpleKMeans {
    private SimpleKMeans() {
    }

    /** @return the cluster index in [0, k) of each row */
    public static int[] cluster(float[][] x, int k, long seed, int maxIterations) {
        if (k <= 0) throw new IllegalArgumentException("k must be > 0, got " + k);
        if (x.length == 0) return new int[0];
        if (k > x.length) throw new IllegalArgumentException("k = " + k + " exceeds the number of points " + x.length);
        return new KMeans(k, false, maxIterations, 0.0, seed).fit(x).assignments();
    }
}
