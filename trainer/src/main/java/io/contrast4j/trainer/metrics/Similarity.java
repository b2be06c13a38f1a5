package io.contrast4j.trainer.metrics;

/**
 * Pairwise scores, oriented so that higher = more similar (ST's {@code SimilarityFunction}s):
 * cosine, dot, and negated Euclidean and Manhattan distances. Computed in double precision.
 */
public enum Similarity {
    COSINE, DOT, EUCLIDEAN, MANHATTAN;

    public double score(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        return switch (this) {
            case COSINE -> VectorMath.cosineD(a, b);
            case DOT -> VectorMath.dotD(a, b);
            case EUCLIDEAN -> {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    double d = (double) a[i] - b[i];
                    s += d * d;
                }
                yield -Math.sqrt(s);
            }
            case MANHATTAN -> {
                double s = 0;
                for (int i = 0; i < a.length; i++) s += Math.abs((double) a[i] - b[i]);
                yield -s;
            }
        };
    }

    /** Lower-case name as used in metric value names, e.g. {@code cosine}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Similarity parse(String name, String param) {
        for (Similarity s : values()) if (s.key().equalsIgnoreCase(name)) return s;
        throw new IllegalArgumentException("parameter '" + param + "' must be one of cosine, dot, euclidean, manhattan; got '" + name + "'");
    }
}
