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

    /** 6 nodes in 2 clusters, a symmetric 0/1 adjacency with self-loops. */
    static LossInputs graph(long seed) {
        Rng r = new Rng(seed);
        double[] a = new double[36];
        for (int i = 0; i < 6; i++) {
            a[i * 6 + i] = 1;
            a[i * 6 + (i + 1) % 6] = 1;
            a[((i + 1) % 6) * 6 + i] = 1;
        }
        return LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.randn(DType.F64, r, 6, 3), PamcLoss.ADJACENCY, Tensor.of(a, 6, 6),
                PamcLoss.CLUSTERS, Tensor.ofInts(new int[]{0, 0, 1, 1, 2, 2}, 6)));
    }

    /** Query and target features (5 x 4) with frozen standard-normal draws. */
    static LossInputs composed(long seed) {
        Rng r = new Rng(seed + 9);
        return ContrastiveLosses.cols(seed, 5, 4, 0).with(UncertaintyRegularizedLoss.NOISE1, Tensor.randn(DType.F64, r, 5, 4))
                .with(UncertaintyRegularizedLoss.NOISE2, Tensor.randn(DType.F64, r, 5, 4));
    }

    /** Imputation batch (3 x 5 with a mask) and latent codes of the masked and observed views (3 x 4). */
    static LossInputs imputation(long seed) {
        Rng r = new Rng(seed + 4);
        int[] m = {1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1};
        return ContrastiveLosses.cols(seed, 3, 4, 0).with(GlocalIbLoss.RECONSTRUCTION, Tensor.randn(DType.F64, r, 3, 5))
                .with(GlocalIbLoss.TARGETS, Tensor.randn(DType.F64, r, 3, 5)).with(GlocalIbLoss.MASK, Tensor.ofInts(m, 3, 5));
    }

    /** Outputs under two phrasings (4 x 5) and a task loss. */
    static LossInputs paraphrase(long seed) {
        return ContrastiveLosses.cols(seed, 4, 5, 0).with(ParaphraseConsistencyLoss.TASK_LOSS, Tensor.scalar(0.7, DType.F64));
    }

    /** Inputs to reconstruct (5 x 4). */
    static LossInputs autoencoder(long seed) {
        return LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.randn(DType.F64, new Rng(seed), 5, 4)));
    }

    /** Noise (4 x 3) and the denoiser's predictions of every item under every condition (4 x 4 x 3). */
    static LossInputs denoising(long seed) {
        Rng r = new Rng(seed);
        Tensor eps = Tensor.randn(DType.F64, r, 4, 3);
        return LossInputs.of(Map.of(SoftRepaLoss.NOISE, eps, SoftRepaLoss.PREDICTIONS, Tensor.randn(DType.F64, r, 4, 4, 3).mul(0.8)));
    }
}
