package io.contrast4j.gpu;

import org.junit.jupiter.api.Assumptions;

/** Shared OpenCL context for the tests; skips (via Assumptions, with the reason) where OpenCL is unavailable. */
final class ClTestSupport {
    private static ClContext context;
    private static ClKernels kernels;

    private ClTestSupport() {
    }

    static ClAvailability availability() {
        ClAvailability a = OpenCl.available();
        Assumptions.assumeTrue(a.isAvailable(), () -> "OpenCL unavailable: " + a.reason());
        return a;
    }

    static synchronized ClContext context() {
        if (context == null) {
            ClAvailability a = availability();
            context = ClContext.create(a.openCl(), ClDevice.select(a.devices()));
        }
        return context;
    }

    static synchronized ClKernels kernels() {
        if (kernels == null) {
            kernels = new ClKernels(context());
        }
        return kernels;
    }

    static void assumeF64(ClDType t) {
        if (t == ClDType.F64) {
            Assumptions.assumeTrue(context().device().fp64(),
                    () -> "device " + context().device().name() + " lacks cl_khr_fp64");
        }
    }

    /** Uploads values (rounded to the dtype) into a new buffer. */
    static ClBuffer upload(ClDType t, double[] v) {
        ClBuffer b = context().allocate(t, v.length);
        if (t == ClDType.F32) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            b.write(f);
        } else {
            b.write(v);
        }
        return b;
    }

    /** The values as the device sees them (rounded to F32 for F32). */
    static double[] rounded(ClDType t, double[] v) {
        double[] r = v.clone();
        if (t == ClDType.F32) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) r[i];
            }
        }
        return r;
    }
}
