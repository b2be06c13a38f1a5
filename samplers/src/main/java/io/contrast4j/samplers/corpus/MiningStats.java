package io.contrast4j.samplers.corpus;

import java.util.Map;

/**
 * What a mining run did (NV-Retriever-style report): rows mined, candidates looked at (after the rank window),
 * candidates removed by each filter (in chain order), and rows that got fewer than the requested negatives.
 */
public record MiningStats(int rows, long candidates, Map<String, Long> removedByFilter, int rowsShort) {
    public MiningStats {
        removedByFilter = Map.copyOf(removedByFilter);
    }

    /** Fraction of candidates removed by the named filter (0 when there were no candidates). */
    public double removedFraction(String filter) {
        return candidates == 0 ? 0 : removedByFilter.getOrDefault(filter, 0L) / (double) candidates;
    }

    /** Fraction of rows short of negatives. */
    public double shortFraction() {
        return rows == 0 ? 0 : rowsShort / (double) rows;
    }
}
