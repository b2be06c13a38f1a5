package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.Storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tolerances for comparing the vector backend with the scalar reference. F32: {@code |a-b| <= 8 ulp(max(|a|,|b|,
 * floor)) sqrt(len)} where {@code len} is the reduction length (1 for elementwise ops) and {@code floor} a magnitude
 * below which rounding of cancelling terms is allowed (the sum of |terms| for reductions); F64: the same with 16
 * double ulps. NaN must match NaN; infinities must match exactly.
 */
final class Close {
    private Close() {
    }

    static void exact(Storage expected, Storage actual, String what) {
        HostStorage e = (HostStorage) expected, a = (HostStorage) actual;
        assertEquals(e.dtype, a.dtype, what + ": dtype");
        assertEquals(e.size(), a.size(), what + ": size");
        for (int i = 0; i < e.size(); i++) {
            double x = e.get(i), y = a.get(i);
            if (!(x == y || (Double.isNaN(x) && Double.isNaN(y)))) fail(what + ": at " + i + " expected " + x + " got " + y);
        }
    }

    /** Elementwise closeness with per-element magnitude floors ({@code floor} may be null). */
    static void near(Storage expected, Storage actual, double len, double[] floor, String what) {
        HostStorage e = (HostStorage) expected, a = (HostStorage) actual;
        assertEquals(e.dtype, a.dtype, what + ": dtype");
        assertEquals(e.size(), a.size(), what + ": size");
        for (int i = 0; i < e.size(); i++) {
            double x = e.get(i), y = a.get(i);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                if (!(Double.isNaN(x) && Double.isNaN(y))) fail(what + ": at " + i + " expected " + x + " got " + y);
                continue;
            }
            if (Double.isInfinite(x) || Double.isInfinite(y)) {
                if (x != y) fail(what + ": at " + i + " expected " + x + " got " + y);
                continue;
            }
            double mag = Math.max(Math.max(Math.abs(x), Math.abs(y)), floor == null ? 0 : floor[i]);
            double tol = tol(e.dtype, mag, len);
            if (Math.abs(x - y) > tol) fail(what + ": at " + i + " expected " + x + " got " + y + " (|diff| " + Math.abs(x - y) + " > tol " + tol + ")");
        }
    }

    static double tol(DType dt, double mag, double len) {
        double ulp = dt == DType.F32 ? Math.ulp((float) mag) : 2 * Math.ulp(mag);
        return 8 * ulp * Math.sqrt(Math.max(1, len)) + Double.MIN_NORMAL;
    }
}
