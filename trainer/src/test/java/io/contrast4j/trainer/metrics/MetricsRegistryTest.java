package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class MetricsRegistryTest {
    @Test
    void everyRegisteredMetricIsConsistent() {
        Set<String> names = new HashSet<>();
        for (Metric m : Metrics.all()) {
            assertEquals(Kind.METRIC, m.info().kind(), m.info().id());
            assertTrue(m.info().tier().matches("T[123]"), m.info().id());
            assertTrue(names.add(m.info().name()), "duplicate name " + m.info().name());
            assertSame(m.getClass(), Metrics.byId(m.info().id()).getClass());
            assertSame(m.getClass(), Metrics.byName(m.info().name().toUpperCase()).getClass());
            assertFalse(m.accepts().isEmpty(), m.info().id());
            assertFalse(m.inputs().isEmpty(), m.info().id());
            // defaults round-trip as explicit parameters
            assertNotNull(Metrics.create(m.info().id(), Params.of(m.defaults())));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metrics.create(m.info().id(), Params.of(Map.of("no_such_parameter", "1"))));
            assertTrue(e.getMessage().contains("no_such_parameter"));
            MetricInput wrong = m.accepts().contains(Timestamps.class) ? new Embeddings(new float[0][]) : new Timestamps(new long[0]);
            IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> m.compute(wrong));
            assertTrue(u.getMessage().contains(m.info().id()), u.getMessage());
        }
        assertEquals(Metrics.ids().size(), Metrics.all().size());
    }

    @Test
    void unknownIdsAndNamesAreNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.byId("M99"));
        assertTrue(e.getMessage().contains("M99") && e.getMessage().contains("M01"));
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Metrics.byName("accuracy thing"));
        assertTrue(n.getMessage().contains("accuracy thing"));
        assertEquals("M02", Metrics.byId("m02").info().id());
    }

    @Test
    void metricValuesNamesMissingEntries() {
        MetricValues v = MetricValues.builder().put("a", 1).put("b", 2).primary("b").build();
        assertEquals(2, v.main());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.get("c"));
        assertTrue(e.getMessage().contains("[a, b]"));
    }
}
