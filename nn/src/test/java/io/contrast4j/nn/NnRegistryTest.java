package io.contrast4j.nn;

import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NnRegistryTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Entry e : NnRegistry.modules()) for (GradCase g : e.checks()) for (long seed : new long[]{1, 2}) out.add(Arguments.of(g.id(), g, seed));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradientCheckPasses(String id, GradCase gc, long seed) {
        GradCheck.Report r = gc.run(seed);
        assertTrue(r.passed(), () -> "seed " + seed + ": " + r.summary());
        assertFalse(r.inputs().isEmpty(), id + " checked nothing");
    }

    @Test
    void idsAreUniqueAndOfTheRightKind() {
        Set<String> ids = new HashSet<>(), caseIds = new HashSet<>();
        for (Entry e : NnRegistry.entries()) {
            String id = e.info().id();
            assertTrue(ids.add(id), "duplicate registry id " + id);
            assertTrue(e.info().kind() == Kind.MODULE || e.info().kind() == Kind.ENCODER, id);
            assertFalse(e.checks().isEmpty(), id + " has no gradient check");
            for (GradCase g : e.checks()) assertTrue(caseIds.add(g.id()), "duplicate grad case " + g.id());
        }
        assertTrue(ids.contains("NN.linear") && ids.contains("NN.layerNorm") && ids.contains("E01") && ids.contains("E03"));
    }

    @Test
    void findByIdAndUnknown() {
        assertEquals("E04", NnRegistry.find("e04").info().id());
        var ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> NnRegistry.find("NN.nope"));
        assertTrue(ex.getMessage().contains("NN.nope"));
    }
}
