package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S206 · When to re-embed and re-mine (negative-refresh scheduler; s001 O9 synthesis: ADORE per step, Conan every
 * 100 steps, AR2 per iteration, Sample4Geo per epoch, ANCE-style periodic index refresh). The trainer calls
 * {@link #due} once per optimizer step; a schedule may keep state (last epoch seen, plateau counter), so use one
 * instance per training run. Kinds: {@link #never()} (static mining, STAR), {@link #everySteps(int)},
 * {@link #everyEpochs(int)}, {@link OnPlateauSchedule}.
 */
public interface RefreshSchedule extends Registered {
    CatalogInfo INFO = new CatalogInfo("S206", "Negative-refresh scheduler (periodic re-embedding / re-mining)", "corpus-mining", "T1",
            "s001 O9 synthesis: ADORE per step, Conan every 100 steps, AR2 per iteration, Sample4Geo per epoch; ANCE async refresh",
            "refresh at step t iff schedule(t, epoch) fires (every k steps | every k epochs | on plateau | never)");

    /** True if negatives should be refreshed now, before step {@code step} (0-based) of epoch {@code epoch}. */
    boolean due(int step, int epoch);

    String name();

    @Override
    default CatalogInfo info() {
        return INFO;
    }

    @Override
    default List<Input> inputs() {
        return List.of();
    }

    /** Static negatives: never refresh after the initial mining. */
    static RefreshSchedule never() {
        return new RefreshSchedule() {
            @Override
            public boolean due(int step, int epoch) {
                return false;
            }

            @Override
            public String name() {
                return "static";
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of();
            }
        };
    }

    /** Refresh at steps k, 2k, 3k, ... (k = 1: every step, ADORE-style; k = 100: Conan). */
    static RefreshSchedule everySteps(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'every_steps' must be >= 1, got " + k);
        return new RefreshSchedule() {
            @Override
            public boolean due(int step, int epoch) {
                if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
                return step > 0 && step % k == 0;
            }

            @Override
            public String name() {
                return "every_steps";
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of("every_steps", String.valueOf(k));
            }
        };
    }

    /** Refresh at the first step of epochs k, 2k, ... (fires once per such epoch). */
    static RefreshSchedule everyEpochs(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'every_epochs' must be >= 1, got " + k);
        return new RefreshSchedule() {
            private int lastEpoch = 0;

            @Override
            public synchronized boolean due(int step, int epoch) {
                if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
                if (epoch == lastEpoch) return false;
                lastEpoch = epoch;
                return epoch > 0 && epoch % k == 0;
            }

            @Override
            public String name() {
                return "every_epochs";
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of("every_epochs", String.valueOf(k));
            }
        };
    }
}
