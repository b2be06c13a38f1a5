package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * S206 · The refresh action: on a due {@link RefreshSchedule}, re-embed the corpus (optional: {@code null} keeps the
 * document index frozen), rebuild the S200 index in place ({@code KnnIndex.refresh}), re-embed the queries, and re-run
 * the mining chain (S201) with a new seed per refresh (seed + refresh count). The trainer calls
 * {@link #onStep(int, int)} before every step and reads {@link #current()}. The first mining runs in the constructor.
 */
public final class NegativeRefresher implements Registered {
    private final RefreshSchedule schedule;
    private final DenseCandidateSource source;
    private final Supplier<float[][]> embedCorpus;
    private final Supplier<float[][]> embedQueries;
    private final HardNegativeMiner miner;
    private final int[] positives;
    private final int[][] exclude;
    private MinedNegatives current;
    private int refreshes;

    /**
     * @param embedCorpus  returns the corpus embeddings with the current model ({@code null}: frozen corpus)
     * @param embedQueries returns the query-row embeddings with the current model ({@code null}: frozen queries)
     */
    public NegativeRefresher(RefreshSchedule schedule, DenseCandidateSource source, Supplier<float[][]> embedCorpus,
                             Supplier<float[][]> embedQueries, HardNegativeMiner miner, int[] positives, int[][] exclude) {
        if (schedule == null) throw new IllegalArgumentException("parameter 'schedule' must not be null");
        if (source == null) throw new IllegalArgumentException("parameter 'source' must not be null");
        if (miner == null) throw new IllegalArgumentException("parameter 'miner' must not be null");
        this.schedule = schedule;
        this.source = source;
        this.embedCorpus = embedCorpus;
        this.embedQueries = embedQueries;
        this.miner = miner;
        this.positives = positives.clone();
        this.exclude = exclude;
        this.current = miner.mine(source, this.positives, exclude);
    }

    /** Refreshes if the schedule says so; returns true when it did. */
    public boolean onStep(int step, int epoch) {
        if (!schedule.due(step, epoch)) return false;
        refreshNow();
        return true;
    }

    /** Re-embeds and re-mines unconditionally. */
    public void refreshNow() {
        if (embedCorpus != null) source.index().refresh(embedCorpus.get());
        if (embedQueries != null) source.setQueries(embedQueries.get());
        refreshes++;
        current = miner.withSeed(miner.seed() + refreshes).mine(source, positives, exclude);
    }

    public MinedNegatives current() {
        return current;
    }

    public int refreshes() {
        return refreshes;
    }

    @Override
    public CatalogInfo info() {
        return RefreshSchedule.INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return schedule.defaults();
    }

    @Override
    public List<Input> inputs() {
        return miner.inputs();
    }
}
