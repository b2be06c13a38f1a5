package io.contrast4j.trainer.metrics;

import java.util.List;
import java.util.Map;

/**
 * Several retrievers' rankings of the same queries, with qrels: {@code runs.get(r).get(q)} is retriever r's
 * ranked doc ids for query q. Used by reciprocal rank fusion (M07) and corpus downsampling (M21).
 */
public record RetrievalRuns(List<List<int[]>> runs, List<Map<Integer, Integer>> qrels) implements MetricInput {
    public RetrievalRuns {
        Check.noNulls("runs", runs);
        Check.noNulls("qrels", qrels);
        if (runs.isEmpty()) throw new IllegalArgumentException("runs is empty");
        for (int r = 0; r < runs.size(); r++) {
            Check.noNulls("runs.get(" + r + ")", runs.get(r));
            Check.sameLength("runs.get(" + r + ")", runs.get(r).size(), "qrels", qrels.size());
        }
        runs = List.copyOf(runs);
        qrels = List.copyOf(qrels);
    }
}
