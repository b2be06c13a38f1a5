package io.contrast4j.trainer.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Several named retrieval tasks evaluated together (NanoBEIR protocol, M08). Order is kept. */
public record RetrievalSuite(Map<String, RankedRetrieval> subsets) implements MetricInput {
    public RetrievalSuite {
        Check.notNull("subsets", subsets);
        if (subsets.isEmpty()) throw new IllegalArgumentException("subsets is empty");
        subsets.forEach((k, v) -> {
            if (k == null || v == null) throw new IllegalArgumentException("subsets has a null name or task");
        });
        subsets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subsets));
    }
}
