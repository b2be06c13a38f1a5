package io.contrast4j.autograd;

import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.check.OpCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks the op registry: every differentiable op has a case, and every case passes the float64 check on the scalar and vector backends. */
class OpGradCheckTest {

    static Stream<Arguments> cases() {
        return OpCatalog.cases().stream().flatMap(c -> Stream.of(Arguments.of(c, 1L, "scalar"), Arguments.of(c, 7L, "vector")));
    }

    @ParameterizedTest(name = "{0} seed {1} on {2}")
    @MethodSource("cases")
    void passes(GradCase c, long seed, String backend) {
        try (var b = io.contrast4j.autograd.backend.Backends.use(backend)) {
            GradCheck.Report r = c.run(seed);
            assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
        }
    }

    @Test
    void everyDifferentiableOpHasACase() {
        assertEquals(java.util.Set.of(), OpCatalog.uncovered(), "ops without a gradient-check case");
    }

    @Test
    void detectsAWrongGradient() {
        // a function whose recorded gradient is deliberately wrong: value x^2, gradient of x^3 (straight-through)
        Tensor x = OpCatalog.randn(3, 4);
        GradCheck.Report r = GradCheck.check("wrong", in -> Tensor.straightThrough(in.get("x").square(), in.get("x").pow(3)), Map.of("x", x));
        assertFalse(r.passed(), r.summary());
    }
}
