package io.contrast4j.trainer.metrics;

import io.contrast4j.samplers.index.ExcludeFilter;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;

/**
 * Exact k-nearest-neighbour search for the metrics: a thin front over samplers' {@link KnnIndex} (fused float32
 * scan, survivors re-scored in double precision). Neighbours are ordered by similarity descending (for
 * {@link Kind#L2}: distance ascending); ties are broken by the lower reference index. With {@code excludeSelf}
 * the query set must be the reference set and reference i is never a neighbour of query i (leave-one-out).
 */
public final class ExactKnn {
    /** Neighbour scoring. PML's default FaissKNN is {@code IndexFlatL2}, i.e. {@link #L2}. */
    public enum Kind {
        COSINE(Metric.COSINE), DOT(Metric.DOT), L2(Metric.L2);

        private final Metric metric;

        Kind(Metric metric) {
            this.metric = metric;
        }

        public static Kind parse(String s, String param) {
            for (Kind k : values()) if (k.name().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("parameter '" + param + "' must be one of cosine, dot, l2; got '" + s + "'");
        }
    }

    private ExactKnn() {
    }

    /**
     * @return for each query, up to {@code k} reference indices, nearest first (fewer when the reference set is smaller)
     */
    public static int[][] search(float[][] query, float[][] reference, int k, Kind kind, boolean excludeSelf) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        if (excludeSelf && query.length != reference.length) {
            throw new IllegalArgumentException("excludeSelf needs query and reference of equal size, got " + query.length + " and " + reference.length);
        }
        if (k == 0 || reference.length == 0 || query.length == 0) {
            int[][] none = new int[query.length][];
            for (int i = 0; i < none.length; i++) none[i] = new int[0];
            return none;
        }
        KnnIndex index = KnnIndex.of(reference, kind.metric);
        ExcludeFilter exclude = excludeSelf ? ExcludeFilter.self() : ExcludeFilter.NONE;
        return query == reference ? index.searchCorpus(k, exclude).ids() : index.search(rows(query, index.dim()), k, exclude).ids();
    }

    private static float[] rows(float[][] m, int d) {
        float[] out = new float[m.length * d];
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != d) throw new IllegalArgumentException("query row " + i + " has length " + m[i].length + ", expected " + d);
            System.arraycopy(m[i], 0, out, i * d, d);
        }
        return out;
    }
}
