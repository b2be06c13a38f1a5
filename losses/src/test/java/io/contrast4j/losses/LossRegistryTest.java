package io.contrast4j.losses;

import io.contrast4j.autograd.check.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks the loss registry: every loss passes the float64 gradient check on two seeds, and its metadata is coherent. */
class LossRegistryTest {

    static Stream<Arguments> cases() {
        return LossRegistry.all().stream().flatMap(e -> Stream.of(Arguments.of(e.id(), e, 11L), Arguments.of(e.id(), e, 12L)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradientCheck(String id, LossEntry e, long seed) {
        GradCheck.Report r = e.gradCase().run(seed);
        assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
    }

    @Test
    void idsAreUniqueAndMatchTheirClasses() {
        var byId = LossRegistry.byId();
        for (var e : byId.entrySet()) {
            assertEquals(e.getKey(), e.getValue().info().id(), "entry id vs class CatalogInfo");
            assertTrue(e.getValue().info().paper() != null && !e.getValue().info().paper().isBlank(), e.getKey() + " names no paper");
        }
    }
}
