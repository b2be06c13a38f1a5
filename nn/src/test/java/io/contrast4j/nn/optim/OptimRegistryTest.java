package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class OptimRegistryTest {
    @Test
    void entriesAreUniqueOptimizerIds() {
        Set<String> ids = new HashSet<>();
        for (Entry e : OptimRegistry.entries()) {
            assertTrue(ids.add(e.info().id()), "duplicate " + e.info().id());
            assertEquals(Kind.OPTIMIZER, e.info().kind());
            assertFalse(e.info().formula().isBlank(), e.info().id());
        }
        assertTrue(ids.containsAll(List.of("O01", "O03", "O04", "O09", "O19")));
    }

    @Test
    void gradCasesPass() {
        int n = 0;
        for (Entry e : OptimRegistry.entries()) {
            for (GradCase c : e.checks()) {
                for (long seed : new long[]{1, 2, 3}) {
                    GradCheck.Report r = c.run(seed);
                    assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
                    n++;
                }
            }
        }
        assertTrue(n >= 12);
    }

    @Test
    void factory() {
        List<ParamGroup> g = List.of(new ParamGroup(List.of(Tensor.of(new double[]{1}).requiresGrad(true)), 0.1, 0));
        assertInstanceOf(Sgd.class, OptimRegistry.create("sgd", g, Params.of(Map.of("momentum", 0.9, "nesterov", true))));
        assertInstanceOf(Adam.class, OptimRegistry.create("Adam", g, Params.empty()));
        assertInstanceOf(AdamW.class, OptimRegistry.create("O01", g, Params.empty()));
        assertInstanceOf(Lamb.class, OptimRegistry.create("O01", g, Params.of(Map.of("optimizer", "lamb"))));
        assertInstanceOf(RmsProp.class, OptimRegistry.create("rmsprop", g, Params.empty()));
        assertInstanceOf(AdaGrad.class, OptimRegistry.create("adagrad", g, Params.empty()));
        assertInstanceOf(MoMo.class, OptimRegistry.create("O13", g, Params.empty()));
        assertInstanceOf(AdaGradNorm.class, OptimRegistry.create("O14", g, Params.empty()));
        assertInstanceOf(NormalizedGd.class, OptimRegistry.create("O16", g, Params.empty()));
        Optimizer sam = OptimRegistry.create("O09", g, Params.of(Map.of("rho", 0.1, "base", "sgd", "momentum", 0.9)));
        assertInstanceOf(Sgd.class, ((Sam) sam).base());
        assertInstanceOf(AdamW.class, ((OrthoGrad) OptimRegistry.create("O17", g, Params.empty())).base());
        var e = assertThrows(IllegalArgumentException.class, () -> OptimRegistry.create("nope", g, Params.empty()));
        assertTrue(e.getMessage().contains("nope"));
        e = assertThrows(IllegalArgumentException.class, () -> OptimRegistry.create("adam", g, Params.of(Map.of("momentum", 0.9))));
        assertTrue(e.getMessage().contains("momentum"));
        e = assertThrows(IllegalArgumentException.class, () -> OptimRegistry.create("sgd", g, Params.of(Map.of("momentum", -0.5))));
        assertTrue(e.getMessage().contains("momentum"));
    }
}
