package io.contrast4j.nn.components;

import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every component's gradient check passes on two seeds (the NN.* and E01-E04 rows are in NnRegistryTest). */
class ComponentGradTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Entry e : ComponentRegistry.entries()) for (GradCase g : e.checks()) for (long seed : new long[]{1, 2}) out.add(Arguments.of(g.id(), g, seed));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradientCheckPasses(String id, GradCase gc, long seed) {
        GradCheck.Report r = gc.run(seed);
        assertTrue(r.passed(), () -> "seed " + seed + ": " + r.summary());
    }
}
