package io.contrast4j.losses.regularizers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;

/** Registry rows of the embedding / weight regularizers L060–L064. */
public final class RegularizerLosses {
    private RegularizerLosses() {
    }

    public static List<LossEntry> entries() {
        return List.of(
                LossEntry.of("L060", LpRegularizer::fromParams, s -> matrix(s, LossInputs.EMBEDDINGS, 8, 4)),
                LossEntry.of("L061", ZeroMeanRegularizer::fromParams, s -> matrix(s, LossInputs.EMBEDDINGS, 8, 4)),
                LossEntry.of("L062", CenterInvariantRegularizer::fromParams, s -> matrix(s, "weights", 3, 4)),
                LossEntry.of("L063", RegularFaceRegularizer::fromParams, s -> matrix(s, "weights", 4, 4)),
                LossEntry.of("L064", SparseCentersRegularizer::fromParams, Params.of(Map.of("num_classes", "3", "centers_per_class", "2")),
                        s -> matrix(s, "weights", 6, 4))
        );
    }

    static LossInputs matrix(long seed, String name, int rows, int cols) {
        return LossInputs.of(Map.of(name, Tensor.randn(DType.F64, new Rng(seed), rows, cols)));
    }
}
