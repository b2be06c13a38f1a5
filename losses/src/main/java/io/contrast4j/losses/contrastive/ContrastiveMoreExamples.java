package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seeded F64 example inputs for the registry rows L117, L119–L125 (kept off kinks and ties). */
final class ContrastiveMoreExamples {
    private ContrastiveMoreExamples() {
    }

    /** Two views from 2 heads: 4 x 2 x 3. */
    static LossInputs heads(long seed) {
        Rng r = new Rng(seed);
        Tensor a = Tensor.randn(DType.F64, r, 4, 2, 3);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, a);
        m.put(InfoNce.POSITIVES, a.add(Tensor.randn(DType.F64, r, 4, 2, 3).mul(0.7)).detach());
        return LossInputs.of(m);
    }

    /** 2 videos of 3 clips (6 x 4) and their captions. */
    static LossInputs videos(long seed) {
        return ContrastiveLosses.cols(seed, 6, 4, 0);
    }
}
