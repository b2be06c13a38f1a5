package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;

import java.util.IdentityHashMap;
import java.util.List;

/** Gradient helpers shared by the optimizers: host views, global norms, in-place scaling. */
public final class Grads {
    private Grads() {
    }

    /** The gradient's host storage, converted to {@code dtype} when it differs (the rare case that allocates). */
    static HostStorage hostAs(Tensor grad, DType dtype) {
        HostStorage h = grad.host();
        if (h.dtype == dtype) return h;
        HostStorage c = HostStorage.zeros(dtype, h.size());
        for (int i = 0; i < h.size(); i++) c.set(i, h.get(i));
        return c;
    }

    /** Σ x² over a host storage, accumulated in double. */
    static double sumSquares(HostStorage h) {
        double s = 0;
        if (h.f != null) {
            float[] a = h.f;
            for (float v : a) s += (double) v * v;
        } else {
            double[] a = h.d;
            for (double v : a) s += v * v;
        }
        return s;
    }

    /** Global L2 norm of the gradients of {@code params} (parameters without a gradient count as zero). */
    public static double globalNorm(List<Tensor> params) {
        double s = 0;
        for (Tensor p : params) if (p.grad() != null) s += sumSquares(p.grad().host());
        return Math.sqrt(s);
    }

    /**
     * Multiplies every gradient by {@code c} in place. Gradients sharing one storage (backward may hand the same
     * tensor to two leaves) are scaled once; device gradients are replaced by scaled host copies.
     */
    public static void scale(List<Tensor> params, double c) {
        IdentityHashMap<Object, Boolean> done = new IdentityHashMap<>();
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (!g.storage().isHost()) {
                p.setGrad(g.mul(c));
                continue;
            }
            HostStorage h = (HostStorage) g.storage();
            if (done.put(h, true) != null) continue;
            if (h.f != null) {
                float[] a = h.f;
                float cf = (float) c;
                for (int i = 0; i < a.length; i++) a[i] *= cf;
            } else {
                double[] a = h.d;
                for (int i = 0; i < a.length; i++) a[i] *= c;
            }
        }
    }
}
