package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;

import java.util.List;

/** Registry rows of CATALOG.md section (a), pair and triplet losses. */
public final class MetricLosses {
    private MetricLosses() {
    }

    public static List<LossEntry> entries() {
        return List.of(
                LossEntry.of("L001", ContrastiveLoss::fromParams, s -> labelled(s, 8, 4, 3))
        );
    }

    /** Seeded F64 embeddings (n x d) with labels cycling over {@code classes} classes (every class has a positive pair when n ≥ 2·classes). */
    public static LossInputs labelled(long seed, int n, int d, int classes) {
        Tensor e = Tensor.randn(DType.F64, new Rng(seed), n, d);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % classes;
        return LossInputs.of(e, y);
    }
}
