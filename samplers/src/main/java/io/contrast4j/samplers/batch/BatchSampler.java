package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * A batch sampler (catalog section (f)): turns a data set, described by per-sample information (labels, groups,
 * texts, embeddings; whatever the entry needs), into a list of index batches per epoch. Every sampler is
 * deterministic given its random source: {@link #epoch(long, int)} with the same seed and epoch gives the same
 * batches. A sampler never runs out silently: a data set that cannot satisfy its constraints is refused at
 * construction with an {@link IllegalArgumentException} naming the ID and the constraint.
 */
public interface BatchSampler extends Registered {

    /** Number of samples of the data set the sampler draws from (indices are in {@code [0, size())}). */
    int size();

    /**
     * The batches of epoch {@code epoch} (0-based; samplers with schedules, such as temperature cooldown, use it),
     * drawing all randomness from {@code rng}.
     */
    List<int[]> batches(int epoch, Rng rng);

    /** The batches of epoch 0 drawn from {@code rng}. */
    default List<int[]> epoch(Rng rng) {
        return batches(0, rng);
    }

    /** The batches of epoch {@code epoch} for run seed {@code seed}: same seed and epoch give the same batches. */
    default List<int[]> epoch(long seed, int epoch) {
        return batches(epoch, new Rng(seed * 0x9E3779B97F4A7C15L + 0x5851F42D4C957F2DL * (epoch + 1L)));
    }
}
