package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.gpu.ClAllocator;
import io.contrast4j.gpu.OpenClBackend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 training steps of a small model on the OpenCL backend keep the device's live bytes flat: dead storages
 * return their buffers through the Cleaner, and the pool serves the next steps without new driver allocations.
 */
class OpenClNoLeakTest {
    private static final int STEPS = 10_000;

    /** Live bytes once the garbage of earlier steps has been collected and cleaned. */
    private static long settledLiveBytes(ClAllocator a) throws InterruptedException {
        long prev = -1, now = a.liveBytes();
        for (int i = 0; i < 50 && now != prev; i++) {
            System.gc();
            Thread.sleep(40);
            prev = now;
            now = a.liveBytes();
        }
        return now;
    }

    @Test
    void liveDeviceBytesStayFlat() throws InterruptedException {
        OpenClBackend b = OpenClTestSupport.backend(DType.F32);
        ClAllocator alloc = b.allocator();
        boolean nanCheck = Grad.nonFiniteCheck();
        Grad.checkNonFinite(false); // the check downloads every output; this test is about device memory
        try (var s = Backends.use(b)) {
            Rng rng = new Rng(5);
            Tensor x = Tensor.wrap(b.upload(Tensor.randn(DType.F32, rng, 16, 8).host()), 16, 8);
            Tensor target = Tensor.wrap(b.upload(Tensor.randn(DType.F32, rng, 16, 4).host()), 16, 4);
            Tensor w = Tensor.wrap(b.upload(Tensor.randn(DType.F32, rng, 8, 4).mul(0.3).host()), 8, 4).requiresGrad(true);
            long live1000 = 0, created1000 = 0, reused1000 = 0, peak = 0;
            double loss = 0;
            for (int step = 1; step <= STEPS; step++) {
                Tensor d = x.matmul(w).tanh().sub(target);
                Tensor l = d.mul(d).mean();
                l.backward();
                try (var g = Grad.off()) {
                    w.assign(w.sub(w.grad().mul(0.05)).storage());
                    w.zeroGrad();
                }
                if (step == 1000) {
                    live1000 = settledLiveBytes(alloc);
                    created1000 = alloc.created();
                    reused1000 = alloc.reused();
                }
                if (step > 1000) peak = Math.max(peak, alloc.liveBytes());
                if (step == STEPS) loss = l.item();
            }
            long live10000 = settledLiveBytes(alloc);
            long created = alloc.created() - created1000, reused = alloc.reused() - reused1000;
            String msg = "live bytes at step 1000: " + live1000 + ", at step " + STEPS + ": " + live10000
                    + "; after step 1000: " + created + " buffers created, " + reused + " reused from the pool, peak live bytes between"
                    + " collections " + peak + "; final loss " + loss;
            System.out.println(msg);
            assertTrue(live10000 <= live1000 + (1 << 16), msg);
            // how many allocations the pool serves depends on when the GC returns buffers (load-dependent); it must serve some
            assertTrue(reused > 0, "the pool should serve steady-state allocations: " + msg);
            assertTrue(Double.isFinite(loss), msg);
        } finally {
            Grad.checkNonFinite(nanCheck);
        }
    }
}
