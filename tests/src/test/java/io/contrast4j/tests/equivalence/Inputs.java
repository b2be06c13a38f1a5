package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.backend.HostStorage;

/** Seeded random host buffers for the equivalence tests. */
final class Inputs {
    private Inputs() {
    }

    static HostStorage normal(DType dt, Rng r, int n, double scale) {
        HostStorage h = HostStorage.zeros(dt, n);
        for (int i = 0; i < n; i++) h.set(i, scale * r.nextGaussian());
        return h;
    }

    static HostStorage uniform(DType dt, Rng r, int n, double lo, double hi) {
        HostStorage h = HostStorage.zeros(dt, n);
        for (int i = 0; i < n; i++) h.set(i, lo + (hi - lo) * r.nextDouble());
        return h;
    }

    /** Values from a few levels, so ties and equalities occur. */
    static HostStorage levels(DType dt, Rng r, int n, int levels) {
        HostStorage h = HostStorage.zeros(dt, n);
        for (int i = 0; i < n; i++) h.set(i, r.nextInt(levels) - levels / 2);
        return h;
    }

    static HostStorage indices(Rng r, int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(bound);
        return HostStorage.of(v);
    }

    static double[] abs(HostStorage h) {
        double[] v = new double[h.size()];
        for (int i = 0; i < v.length; i++) v[i] = Math.abs(h.get(i));
        return v;
    }
}
