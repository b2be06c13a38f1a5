package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.check.OpCatalog;
import io.contrast4j.gpu.OpenClBackend;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossRegistry;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The F64 gradient check of the op catalog and of every registered loss, run with the OpenCL backend. */
class OpenClGradCheckTest {
    private static final long SEED = 20240611L;

    private static DynamicTest check(GradCase gc) {
        return DynamicTest.dynamicTest(gc.id() + " seed=" + SEED, () -> {
            OpenClBackend b = OpenClTestSupport.backend(DType.F64);
            GradCheck.Report r;
            try (var s = Backends.use(b)) {
                r = gc.run(SEED);
            }
            assertTrue(r.passed(), r.summary() + " (seed=" + SEED + ")");
        });
    }

    @TestFactory
    List<DynamicTest> opCatalog() {
        List<DynamicTest> out = new ArrayList<>();
        for (GradCase gc : OpCatalog.cases()) out.add(check(gc));
        assertFalse(out.isEmpty());
        return out;
    }

    @TestFactory
    List<DynamicTest> lossRegistry() {
        List<DynamicTest> out = new ArrayList<>();
        for (LossEntry e : LossRegistry.all()) out.add(check(e.gradCase()));
        return out;
    }
}
