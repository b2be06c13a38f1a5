package io.contrast4j.samplers.index;

import java.util.Arrays;

/**
 * Says which corpus ids a query must never get back (its own positives, itself, ...). Called from several
 * threads at once by {@link KnnIndex}, so implementations must be thread-safe (pure functions are).
 */
@FunctionalInterface
public interface ExcludeFilter {
    /** Excludes nothing. */
    ExcludeFilter NONE = (query, id) -> false;

    /** True if corpus item {@code id} must not be returned for query number {@code query}. */
    boolean excluded(int query, int id);

    /** Excludes id {@code q} for query {@code q} (a corpus searched against itself). */
    static ExcludeFilter self() {
        return (query, id) -> query == id;
    }

    /**
     * Excludes {@code ids[q]} for query {@code q}; a {@code null} row excludes nothing, queries beyond
     * {@code ids.length} exclude nothing. The rows are copied and sorted, so later changes to {@code ids} do not matter.
     */
    static ExcludeFilter of(int[][] ids) {
        if (ids == null) return NONE;
        int[][] sorted = new int[ids.length][];
        for (int q = 0; q < ids.length; q++) {
            if (ids[q] != null && ids[q].length > 0) {
                sorted[q] = ids[q].clone();
                Arrays.sort(sorted[q]);
            }
        }
        return (query, id) -> query < sorted.length && sorted[query] != null && Arrays.binarySearch(sorted[query], id) >= 0;
    }

    /** Excludes what either filter excludes. */
    default ExcludeFilter or(ExcludeFilter other) {
        ExcludeFilter self = this;
        return (query, id) -> self.excluded(query, id) || other.excluded(query, id);
    }
}
