package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.ContrastiveLosses;
import io.contrast4j.losses.contrastive.InfoNce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry rows of CATALOG.md section (c), retrieval ranking and distillation losses, with seeded F64 examples. */
public final class RankingLosses {
    private RankingLosses() {
    }

    public static List<LossEntry> entries() {
        List<LossEntry> e = new ArrayList<>();
        e.add(LossEntry.of("L201", MarginMseLoss::fromParams, s -> withTeacher(ContrastiveLosses.cols(s, 4, 3, 2), s, 2)));
        e.add(LossEntry.of("L202", DistillKlLoss::fromParams, Params.of(Map.of("temperature", "2")), s -> withTeacher(ContrastiveLosses.cols(s, 4, 3, 3), s, 4)));
        e.add(LossEntry.of("L203", EmbeddingMseLoss::fromParams, RankingLosses::mse));
        e.add(LossEntry.of("L206", RankNetLoss::fromParams, s -> listwise(s, 3, 5, true)));
        e.add(LossEntry.of("L207", LambdaLoss::fromParams, Params.of(Map.of("k", "4")), s -> listwise(s, 3, 5, true)));
        e.add(LossEntry.of("L208", ListNetLoss::fromParams, s -> listwise(s, 3, 5, true)));
        e.add(LossEntry.of("L209", ListMleLoss::fromParams, Params.of(Map.of("weights", "plistmle", "respect_input_order", "false")), s -> listwise(s, 3, 5, true)));
        e.add(LossEntry.of("L210", CrossEncoderLoss::fromParams, Params.of(Map.of("pos_weight", "1.5")), RankingLosses::binary));
        e.add(LossEntry.of("L222", SpladeLoss::fromParams, Params.of(Map.of("document_regularizer_weight", "0.3", "query_regularizer_weight", "0.5")),
                s -> sparse(ContrastiveLosses.cols(s, 4, 6, 1))));
        e.add(LossEntry.of("L223", CsrLoss::fromParams, Params.of(Map.of("beta", "0.5", "stop_aux_target", "false")), RankingLosses::csr));
        e.add(LossEntry.of("L204", KlTopLoss::fromParams, Params.of(Map.of("k", "3", "temperature", "2")), s -> named(s, 3, 6, Lists.SCORES, Lists.TEACHER)));
        e.add(LossEntry.of("L205", DualHeadKdLoss::fromParams, Params.of(Map.of("temperature", "2", "lambda", "0.5")),
                s -> named(s, 5, 4, DualHeadKdLoss.LOGITS, DualHeadKdLoss.AUX_LOGITS, DualHeadKdLoss.TEACHER_LOGITS)
                        .with(DualHeadKdLoss.TARGETS, Tensor.ofInts(new int[]{0, 3, 1, 2, 1}, 5))));
        e.add(LossEntry.of("L211", AucLoss::fromParams, Params.of(Map.of("temperature", "0.7")), RankingLosses::binaryPadded));
        e.add(LossEntry.of("L216", LolLoss::fromParams, Params.of(Map.of("lambda", "0.5")), s -> named(s, 3, 4, LolLoss.REVISION_LOSSES)));
        e.add(LossEntry.of("L217", AftLoss::fromParams, Params.of(Map.of("gamma", "3")), RankingLosses::binaryPadded));
        e.add(LossEntry.of("L219", RelMfLoss::fromParams, RankingLosses::relMf));
        e.add(LossEntry.of("L220", NbpoLoss::fromParams, Params.of(Map.of("eta", "0.05")), s -> pointwise(s, NbpoLoss.OBSERVED, NbpoLoss.FLIP_LOGITS)));
        e.add(LossEntry.of("L221", CetLoss::fromParams, s -> pointwise(s, Lists.LABELS, CetLoss.SELECTION)));
        e.add(LossEntry.of("L212", NeuralNdcgLoss::fromParams, Params.of(Map.of("temperature", "0.7", "k", "3", "sinkhorn_iters", "20")), s -> listwise(s, 3, 5, true)));
        e.add(LossEntry.of("L214", PgRankLoss::fromParams, Params.of(Map.of("k", "3", "temperature", "0.8")), RankingLosses::pgRank));
        e.add(LossEntry.of("L215", Ar2Loss::fromParams, Params.of(Map.of("lambda", "0.3", "temperature", "2")), s -> named(s, 3, 4, Lists.SCORES, Ar2Loss.RANKER_SCORES)));
        e.add(LossEntry.of("L218", DeqaScoreLoss::fromParams, Params.of(Map.of("lambda", "0.7")), RankingLosses::deqa));
        e.add(LossEntry.of("L224", JpqLoss::fromParams, Params.of(Map.of("subspaces", "2", "centroids", "3", "dim", "4", "metric_cut", "3", "seed", "5")), RankingLosses::jpq));
        e.add(LossEntry.of("L213", GroCoLoss::fromParams, Params.of(Map.of("steepness", "2")), RankingLosses::groco));
        e.add(LossEntry.of("L225", SoftIdentifierLoss::fromParams, Params.of(Map.of("levels", "2", "codewords", "3", "dim", "4", "temperature", "0.8", "distill_weight", "0.5", "seed", "2")),
                s -> named(s, 5, 4, SoftIdentifierLoss.ITEMS, SoftIdentifierLoss.TEACHER)));
        e.add(LossEntry.of("L226", PreferenceLoss::fromParams, Params.of(Map.of("beta", "0.5")),
                s -> named(s, 1, 6, PreferenceLoss.CHOSEN, PreferenceLoss.REJECTED, PreferenceLoss.REF_CHOSEN, PreferenceLoss.REF_REJECTED)));
        return e;
    }

    /** Non-negative (relu'd, off the kink) sparse-like columns for L222. */
    static LossInputs sparse(LossInputs in) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (var x : in.asMap().entrySet()) m.put(x.getKey(), x.getValue().abs().add(0.05).detach());
        return LossInputs.of(m);
    }

    /**
     * Seeded listwise inputs: scores N(0,1) (B x C) and distinct, non-integer graded labels in [0, 3] (no label ties,
     * so the y_i &gt; y_j pair sets stay fixed under perturbation); with {@code padded}, the last slot of row 1 is padding (−1).
     */
    public static LossInputs listwise(long seed, int b, int c, boolean padded) {
        Rng r = new Rng(seed);
        Tensor s = Tensor.randn(DType.F64, r, b, c);
        double[] y = new double[b * c];
        for (int i = 0; i < b; i++) {
            int[] perm = new int[c];
            for (int j = 0; j < c; j++) perm[j] = j;
            r.shuffle(perm);
            for (int j = 0; j < c; j++) y[i * c + j] = 3.0 * perm[j] / (c - 1) * 0.9 + 0.05 * (i + 1);
        }
        if (padded && b > 1) y[c + c - 1] = -1;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, s);
        m.put(Lists.LABELS, Tensor.of(y, b, c));
        return LossInputs.of(m);
    }

    /** Adds seeded teacher scores (B x cols). */
    static LossInputs withTeacher(LossInputs in, long seed, int cols) {
        int b = in.get(InfoNce.ANCHORS).dim(0);
        return in.with(Lists.TEACHER, Tensor.randn(DType.F64, new Rng(seed * 17 + 3), b, cols));
    }

    static LossInputs mse(long seed) {
        Rng r = new Rng(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(LossInputs.EMBEDDINGS, Tensor.randn(DType.F64, r, 3, 4));
        m.put(EmbeddingMseLoss.REF, Tensor.randn(DType.F64, r, 3, 4));
        m.put(EmbeddingMseLoss.TEACHER_EMBEDDINGS, Tensor.randn(DType.F64, r, 3, 4));
        return LossInputs.of(m);
    }

    static LossInputs binary(long seed) {
        Rng r = new Rng(seed);
        double[] y = new double[12];
        for (int i = 0; i < y.length; i++) y[i] = i % 3 == 0 ? 1 : i % 3 == 1 ? 0 : 0.3;
        y[11] = -1;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, Tensor.randn(DType.F64, r, 3, 4));
        m.put(Lists.LABELS, Tensor.of(y, 3, 4));
        return LossInputs.of(m);
    }

    /** Seeded N(0,1) tensors of shape rows x cols (a vector when rows == 1), one per name. */
    static LossInputs named(long seed, int rows, int cols, String... names) {
        Rng r = new Rng(seed * 31 + 7);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, rows == 1 ? Tensor.randn(DType.F64, r, cols) : Tensor.randn(DType.F64, r, rows, cols));
        return LossInputs.of(m);
    }

    /** Scores 3 x 5 with 0/1 labels (every row has both) and one padded slot. */
    static LossInputs binaryPadded(long seed) {
        Rng r = new Rng(seed);
        double[] y = {1, 0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 1, 1, 0};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, Tensor.randn(DType.F64, r, 3, 5));
        m.put(Lists.LABELS, Tensor.of(y, 3, 5));
        return LossInputs.of(m);
    }

    /** Rel-MF: 4 x 5 logits, 0/1 clicks, item counts (two items below the clip). */
    static LossInputs relMf(long seed) {
        Rng r = new Rng(seed);
        double[] y = new double[20];
        for (int i = 0; i < y.length; i++) y[i] = (i * 7 + seed) % 3 == 0 ? 1 : 0;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, Tensor.randn(DType.F64, r, 4, 5));
        m.put(RelMfLoss.CLICKS, Tensor.of(y, 4, 5));
        m.put(RelMfLoss.POPULARITY, Tensor.ofInts(new int[]{100, 40, 3, 0, 70}, 5));
        return LossInputs.of(m);
    }

    /** Point-wise logits (N = 8), a 0/1 label vector under {@code labelName} and a second logit vector under {@code otherName}. */
    static LossInputs pointwise(long seed, String labelName, String otherName) {
        Rng r = new Rng(seed);
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) y[i] = (i + seed) % 2;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, Tensor.randn(DType.F64, r, 8).mul(2).detach());
        m.put(labelName, Tensor.of(y, 8));
        m.put(otherName, Tensor.randn(DType.F64, r, 8));
        return LossInputs.of(m);
    }

    /** CSR: backbone x (4 x 5), its reconstructions near x, a pre-bias, and sparse-like non-negative codes as ST columns. */
    static LossInputs csr(long seed) {
        Rng r = new Rng(seed);
        Tensor x = Tensor.randn(DType.F64, r, 4, 5);
        Map<String, Tensor> m = new LinkedHashMap<>(sparse(ContrastiveLosses.cols(seed, 4, 6, 1)).asMap());
        m.put(CsrLoss.BACKBONE, x);
        m.put(CsrLoss.RECON_K, x.add(Tensor.randn(DType.F64, r, 4, 5).mul(0.5)).detach());
        m.put(CsrLoss.RECON_4K, x.add(Tensor.randn(DType.F64, r, 4, 5).mul(0.3)).detach());
        m.put(CsrLoss.RECON_AUX, Tensor.randn(DType.F64, r, 4, 5));
        m.put(CsrLoss.PRE_BIAS, Tensor.randn(DType.F64, r, 5).mul(0.1).detach());
        return LossInputs.of(m);
    }

    /** Listwise scores/labels (3 x 5, no padding) plus 4 frozen Gumbel-sampled rankings per query. */
    static LossInputs pgRank(long seed) {
        LossInputs in = listwise(seed, 3, 5, false);
        double[] s = in.get(Lists.SCORES).toDoubleArray();
        int[] grades = new int[15];
        for (int i = 0; i < 15; i++) grades[i] = (int) Math.round(in.get(Lists.LABELS).toDoubleArray()[i]);
        in = in.with(Lists.LABELS, Tensor.ofInts(grades, 3, 5));
        return in.with(PgRankLoss.RANKINGS, PgRankLoss.sampleRankings(s, 3, 5, 4, 0.8, new Rng(seed + 9)));
    }

    /** DeQA: 5-level logits for 4 samples, MOS means in [1.5, 4.5] and stds in [0.4, 1]. */
    static LossInputs deqa(long seed) {
        Rng r = new Rng(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(io.contrast4j.losses.classification.Cls.LOGITS, Tensor.randn(DType.F64, r, 4, 5));
        m.put(DeqaScoreLoss.MOS_MEAN, Tensor.rand(DType.F64, r, 1.5, 4.5, 4));
        m.put(DeqaScoreLoss.MOS_STD, Tensor.rand(DType.F64, r, 0.4, 1.0, 4));
        return LossInputs.of(m);
    }

    /** JPQ: queries 3 x 4, PQ codes 3 x 5 x 2 over K = 3 centroids, graded labels with one padded slot. */
    static LossInputs jpq(long seed) {
        Rng r = new Rng(seed);
        int[] codes = new int[30];
        for (int i = 0; i < codes.length; i++) codes[i] = r.nextInt(3);
        LossInputs l = listwise(seed, 3, 5, true);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, Tensor.randn(DType.F64, r, 3, 4));
        m.put(JpqLoss.CODES, Tensor.ofInts(codes, 3, 5, 2));
        m.put(Lists.LABELS, l.get(Lists.LABELS));
        return LossInputs.of(m);
    }

    /** GroCo: 3 groups of 5 distances (two positives each) with 0/1 labels. */
    static LossInputs groco(long seed) {
        Rng r = new Rng(seed);
        double[] y = {1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(GroCoLoss.DISTANCES, Tensor.rand(DType.F64, r, 0, 2, 3, 5));
        m.put(Lists.LABELS, Tensor.of(y, 3, 5));
        return LossInputs.of(m);
    }
}
