package io.contrast4j.samplers.corpus;

/** Progress callback of long mining runs: {@code done} of {@code total} rows finished (called from the caller's thread). */
@FunctionalInterface
public interface MiningProgress {
    MiningProgress NONE = (done, total) -> {
    };

    void progress(int done, int total);
}
