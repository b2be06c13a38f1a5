package io.contrast4j.trainer.metrics;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Float vector kernels (Vector API, {@code FloatVector.SPECIES_PREFERRED}) (row normalisation) and double-precision helpers. */
public final class VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    public static float dot(float[] a, float[] b) {
        int n = a.length;
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /** Row-wise L2 normalisation into a new matrix; zero rows stay zero. */
    public static float[][] normalizeRows(float[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            float nrm = (float) Math.sqrt(dot(m[i], m[i]));
            out[i] = new float[m[i].length];
            if (nrm > 0) for (int j = 0; j < m[i].length; j++) out[i][j] = m[i][j] / nrm;
        }
        return out;
    }

    /** Double-precision dot product (for small diagnostic computations). */
    public static double dotD(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    public static double normD(float[] a) {
        return Math.sqrt(dotD(a, a));
    }

    public static double cosineD(float[] a, float[] b) {
        double na = normD(a), nb = normD(b);
        if (na == 0 || nb == 0) return 0;
        return dotD(a, b) / (na * nb);
    }
}
