package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.LossInputs;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seeded F64 example inputs for the registry rows L113–L142 added after the first batch (kept off kinks and ties). */
final class ContrastiveExamples {
    private ContrastiveExamples() {
    }

    /** 4 queries, 6 labels, each query with two positives {i, i+2}. */
    static LossInputs multiLabel(long seed) {
        Rng r = new Rng(seed);
        int[] y = new int[4 * 6];
        for (int i = 0; i < 4; i++) {
            y[i * 6 + i] = 1;
            y[i * 6 + (i + 2) % 6] = 1;
        }
        return LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.randn(DType.F64, r, 4, 5), DecoupledSoftmaxLoss.LABEL_EMBEDDINGS, Tensor.randn(DType.F64, r, 6, 5),
                DecoupledSoftmaxLoss.TARGETS, Tensor.ofInts(y, 4, 6)));
    }

    /** 3 queries x 6 label scores with one or two positives. */
    static LossInputs labelScores(long seed) {
        Rng r = new Rng(seed);
        int[] y = {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0};
        return LossInputs.of(Map.of(SoftTopKLoss.SCORES, Tensor.randn(DType.F64, r, 3, 6), SoftTopKLoss.TARGETS, Tensor.ofInts(y, 3, 6)));
    }

    /** 4 queries against a 6-row bank with explicit target rows. */
    static LossInputs bank(long seed) {
        Rng r = new Rng(seed);
        Tensor bank = Tensor.randn(DType.F64, r, 6, 5);
        int[] t = {5, 0, 3, 1};
        Tensor q = bank.indexSelect(0, t).add(Tensor.randn(DType.F64, r, 4, 5).mul(0.7)).detach();
        return LossInputs.of(Map.of(InfoNce.ANCHORS, q, FrozenBankInfoNceLoss.BANK, bank, FrozenBankInfoNceLoss.TARGETS, Tensor.ofInts(t, 4)));
    }

    /** Columns plus a positive per-row state u. */
    static LossInputs sogState(long seed) {
        return ContrastiveLosses.cols(seed, 4, 5, 0).with(SogClrLoss.STATE, Tensor.rand(DType.F64, new Rng(seed + 5), 0.5, 1.5, 4));
    }

    /** Sentence embeddings (3 x 4) and token ids (3 x 4) over a 6-token vocabulary, last token of row 2 padded. */
    static LossInputs tokens(long seed) {
        Rng r = new Rng(seed);
        int[] ids = new int[12];
        for (int i = 0; i < 12; i++) ids[i] = 1 + r.nextInt(5);
        int[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        return LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.randn(DType.F64, r, 3, 4), DenoisingAutoEncoderLoss.TOKEN_IDS, Tensor.ofInts(ids, 3, 4),
                DenoisingAutoEncoderLoss.TOKEN_MASK, Tensor.ofInts(mask, 3, 4)));
    }

    /** Three layers of anchors and positives (3 x 4 x 5). */
    static LossInputs layered(long seed) {
        Rng r = new Rng(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        Tensor a = Tensor.randn(DType.F64, r, 3, 4, 5);
        m.put(AdaptiveLayerLoss.PREFIX + InfoNce.ANCHORS, a);
        m.put(AdaptiveLayerLoss.PREFIX + InfoNce.POSITIVES, a.add(Tensor.randn(DType.F64, r, 3, 4, 5).mul(0.7)).detach());
        return LossInputs.of(m);
    }

    /** Current views, past-model view-1 embeddings and projected current embeddings (4 x 5). */
    static LossInputs syCon(long seed) {
        Rng r = new Rng(seed + 3);
        return ContrastiveLosses.cols(seed, 4, 5, 0).with(SyConLoss.PAST, Tensor.randn(DType.F64, r, 4, 5)).with(SyConLoss.PROJECTED, Tensor.randn(DType.F64, r, 4, 5));
    }
}
