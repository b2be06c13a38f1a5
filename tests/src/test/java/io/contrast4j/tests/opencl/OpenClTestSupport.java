package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.gpu.ClAvailability;
import io.contrast4j.gpu.OpenCl;
import io.contrast4j.gpu.OpenClBackend;

import org.junit.jupiter.api.Assumptions;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenCL backend for the tests. Where no OpenCL platform exists the tests are skipped (with the reason), except
 * when the environment variable {@code CI} is {@code "true"}: CI installs PoCL, so missing OpenCL fails there.
 */
final class OpenClTestSupport {
    private OpenClTestSupport() {
    }

    static OpenClBackend backend() {
        ClAvailability a = OpenCl.available();
        if (!a.isAvailable()) {
            String msg = "OpenCL unavailable: " + a.reason();
            if ("true".equals(System.getenv("CI"))) {
                fail(msg + " (CI=true, and CI installs PoCL: OpenCL tests must run there)");
            }
            Assumptions.abort(msg);
        }
        return (OpenClBackend) Backends.byName("opencl");
    }

    /** The backend, after skipping F64 on a device without cl_khr_fp64. */
    static OpenClBackend backend(DType dtype) {
        OpenClBackend b = backend();
        if (dtype == DType.F64) {
            Assumptions.assumeTrue(b.device().fp64(), () -> "device " + b.device().name() + " lacks cl_khr_fp64");
        }
        return b;
    }

    static HostStorage random(DType t, int n, Random r, double lo, double hi) {
        HostStorage h = HostStorage.zeros(t, n);
        for (int i = 0; i < n; i++) h.set(i, lo + (hi - lo) * r.nextDouble());
        return h;
    }

    static double[] values(HostStorage h) {
        double[] d = new double[h.size()];
        for (int i = 0; i < d.length; i++) d[i] = h.get(i);
        return d;
    }

    /**
     * Tolerance of one element: F32 allows {@code ulps} units in the last place of max(|expected|, scale) (device
     * float math is accurate to a few ULPs; scale covers cancellation), F64 a relative 1e-12 of the same.
     */
    static double tolerance(DType t, double expected, double scale, int ulps) {
        double mag = Math.max(Math.abs(expected), scale);
        return t == DType.F32 ? ulps * Math.ulp((float) mag) : 1e-12 * mag;
    }

    static void assertClose(DType t, double[] expected, double[] actual, double scale, int ulps, String what) {
        if (expected.length != actual.length) fail(what + ": " + actual.length + " values, expected " + expected.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                if (Double.compare(e, a) != 0) fail(what + " [" + i + "]: expected " + e + " got " + a);
                continue;
            }
            double tol = tolerance(t, e, scale, ulps);
            if (!(Math.abs(a - e) <= tol)) fail(what + " [" + i + "]: expected " + e + " got " + a + " (tol " + tol + ")");
        }
    }
}
