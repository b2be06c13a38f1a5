package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLosses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry rows of CATALOG.md section (b), contrastive / InfoNCE-family losses, with seeded F64 examples. */
public final class ContrastiveLosses {
    private ContrastiveLosses() {
    }

    public static List<LossEntry> entries() {
        List<LossEntry> e = new ArrayList<>();
        e.add(LossEntry.of("L101", InfoNceLoss::fromParams, Params.of(Map.of("learnable_scale", "true")), s -> masked(cols(s, 4, 5, 2), s)));
        e.add(LossEntry.of("L102", SymmetricInfoNceLoss::fromParams, Params.of(Map.of("learnable_scale", "true")), s -> cols(s, 4, 5, 1)));
        e.add(LossEntry.of("L104", GistEmbedLoss::fromParams, Params.of(Map.of("temperature", "0.1")), ContrastiveLosses::gist));
        e.add(LossEntry.of("L105", DecoupledContrastiveLoss::fromParams, Params.of(Map.of("weighted", "true", "detach_weights", "false")), s -> cols(s, 4, 5, 0)));
        e.add(LossEntry.of("L106", SigLipLoss::fromParams, s -> cols(s, 4, 5, 0)));
        e.add(LossEntry.of("L107", HardnessAwareInfoNceLoss::fromParams, Params.of(Map.of("detach_weights", "false", "scale", "5")), s -> cols(s, 4, 5, 2)));
        e.add(LossEntry.of("L108", FocalInfoNceLoss::fromParams, Params.of(Map.of("scale", "5")), s -> cols(s, 4, 5, 1)));
        e.add(LossEntry.of("L103", CachedInfoNceLoss::fromParams, Params.of(Map.of("inner", "L102", "mini_batch_size", "2")), s -> cols(s, 4, 5, 1)));
        e.add(LossEntry.of("L109", WeightedNegativeInfoNceLoss::fromParams, s -> weighted(cols(s, 4, 5, 1), s)));
        e.add(LossEntry.of("L110", SupConLoss::fromParams, s -> MetricLosses.labelled(s, 8, 4, 3)));
        e.add(LossEntry.of("L111", NPairsLoss::fromParams, s -> MetricLosses.labelled(s, 8, 4, 3)));
        e.add(LossEntry.of("L112", InstanceLoss::fromParams, Params.of(Map.of("num_classes", "4", "dim", "4", "seed", "3")), s -> MetricLosses.labelled(s, 8, 4, 4)));
        e.add(LossEntry.of("L126", ContrastiveTensionLoss::fromParams, s -> cols(s, 4, 5, 0)));
        e.add(LossEntry.of("L130", ByolSimSiamLoss::fromParams, Params.of(Map.of("stop_gradient", "false")), ContrastiveLosses::fourViews));
        e.add(LossEntry.of("L131", BarlowTwinsLoss::fromParams, ContrastiveLosses::views));
        e.add(LossEntry.of("L132", VicRegLoss::fromParams, ContrastiveLosses::views));
        e.add(LossEntry.of("L140", MatryoshkaLoss::fromParams, Params.of(Map.of("inner", "L101", "dims", "5,3,2", "weights", "1,0.5,2")), s -> cols(s, 4, 5, 1)));
        e.add(LossEntry.of("L143", SelfSupervisedLoss::fromParams, ContrastiveLosses::views));
        e.add(LossEntry.of("L113", DecoupledSoftmaxLoss::fromParams, Params.of(Map.of("scale", "5")), ContrastiveExamples::multiLabel));
        e.add(LossEntry.of("L114", SoftTopKLoss::fromParams, Params.of(Map.of("k", "2", "alpha", "2")), ContrastiveExamples::labelScores));
        e.add(LossEntry.of("L115", FrozenBankInfoNceLoss::fromParams, Params.of(Map.of("scale", "5", "detach_bank", "false")), ContrastiveExamples::bank));
        e.add(LossEntry.of("L116", SogClrLoss::fromParams, Params.of(Map.of("dataset_size", "10", "training", "false", "temperature", "0.5")), ContrastiveExamples::sogState));
        e.add(LossEntry.of("L133", WhiteningMseLoss::fromParams, s -> cols(s, 5, 3, 0)));
        e.add(LossEntry.of("L134", DenoisingAutoEncoderLoss::fromParams, Params.of(Map.of("vocab_size", "6", "dim", "4", "max_len", "5", "hidden", "5", "seed", "1")), ContrastiveExamples::tokens));
        e.add(LossEntry.of("L141", AdaptiveLayerLoss::fromParams, Params.of(Map.of("inner", "L101", "inner.scale", "5", "n_layers_per_step", "-1")), ContrastiveExamples::layered));
        e.add(LossEntry.of("L142", AdaptiveLayerLoss::matryoshka2dFromParams, Params.of(Map.of("inner", "L101", "inner.scale", "5", "dims", "5,3", "n_dims_per_step", "-1", "n_layers_per_step", "-1")), ContrastiveExamples::layered));
        e.add(LossEntry.of("L118", SyConLoss::fromParams, Params.of(Map.of("temperature", "0.5", "detach_past", "false")), ContrastiveExamples::syCon));
        e.add(LossEntry.of("L117", AmclLoss::fromParams, Params.of(Map.of("dim", "3", "hidden", "4", "topk", "4", "beta", "0.05", "tau_min", "0.05", "seed", "2")), ContrastiveMoreExamples::heads));
        e.add(LossEntry.of("L119", ConstructedNegativeInfoNceLoss::fromParams, Params.of(Map.of("scale", "5", "in_batch", "true")), s -> cols(s, 4, 5, 2)));
        e.add(LossEntry.of("L120", NortonLoss::fromParams, Params.of(Map.of("seq_len", "3", "iterations", "8", "epsilon", "0.5", "sequence_weight", "0.5", "detach_plan", "false")), ContrastiveMoreExamples::videos));
        e.add(LossEntry.of("L122", PamcLoss::fromParams, Params.of(Map.of("tau", "2")), ContrastiveMoreExamples::graph));
        e.add(LossEntry.of("L123", UncertaintyRegularizedLoss::fromParams, Params.of(Map.of("temperature", "0.5", "detach_stats", "false")), ContrastiveMoreExamples::composed));
        e.add(LossEntry.of("L124", GlocalIbLoss::fromParams, Params.of(Map.of("temperature", "0.5", "detach_target", "false")), ContrastiveMoreExamples::imputation));
        e.add(LossEntry.of("L125", ParaphraseConsistencyLoss::fromParams, Params.of(Map.of("lambda", "0.5", "mode", "kl")), ContrastiveMoreExamples::paraphrase));
        e.add(LossEntry.of("L135", ContractiveAutoEncoderLoss::fromParams, Params.of(Map.of("dim", "4", "hidden", "3", "lambda", "0.5", "seed", "1")), ContrastiveMoreExamples::autoencoder));
        e.add(LossEntry.of("L121", SoftRepaLoss::fromParams, Params.of(Map.of("temperature", "2")), ContrastiveMoreExamples::denoising));
        return e;
    }

    /** Seeded anchors (B x D), positives near the anchors and, when k &gt; 0, K hard negatives per anchor. */
    public static LossInputs cols(long seed, int b, int d, int k) {
        Rng r = new Rng(seed);
        Tensor a = Tensor.randn(DType.F64, r, b, d);
        Tensor p = a.add(Tensor.randn(DType.F64, r, b, d).mul(0.7)).detach();
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, a);
        m.put(InfoNce.POSITIVES, p);
        if (k > 0) m.put(InfoNce.NEGATIVES, Tensor.randn(DType.F64, r, b, k, d));
        return LossInputs.of(m);
    }

    /** Adds a B x B keep-mask (I32) that drops one off-diagonal in-batch negative per row. */
    static LossInputs masked(LossInputs in, long seed) {
        int b = in.get(InfoNce.ANCHORS).dim(0);
        int[] m = new int[b * b];
        java.util.Arrays.fill(m, 1);
        for (int i = 0; i < b; i++) m[i * b + (i + 1) % b] = 0;
        return in.with(InfoNce.NEGATIVE_MASK, Tensor.ofInts(m, b, b));
    }

    /** Adds B x C weights in [0.2, 1.5]. */
    static LossInputs weighted(LossInputs in, long seed) {
        int b = in.get(InfoNce.ANCHORS).dim(0);
        Tensor n = in.getOrNull(InfoNce.NEGATIVES);
        int c = b + (n == null ? 0 : b * n.dim(1));
        return in.with(InfoNce.NEGATIVE_WEIGHTS, Tensor.rand(DType.F64, new Rng(seed * 31 + 7), 0.2, 1.5, b, c));
    }

    /** Two views (embeddings, ref_embeddings), 6 x 4, small spread (per-dimension std well below 1, off VICReg's hinge). */
    static LossInputs views(long seed) {
        Rng r = new Rng(seed);
        Tensor a = Tensor.randn(DType.F64, r, 6, 4).mul(0.3).detach();
        Tensor b = a.add(Tensor.randn(DType.F64, r, 6, 4).mul(0.1)).detach();
        return LossInputs.of(Map.of(LossInputs.EMBEDDINGS, a, io.contrast4j.losses.metric.MetricLoss.REF_EMBEDDINGS, b));
    }

    /** Predictions and targets of two views for L130. */
    static LossInputs fourViews(long seed) {
        Rng r = new Rng(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String k : List.of(ByolSimSiamLoss.P1, ByolSimSiamLoss.P2, ByolSimSiamLoss.Z1, ByolSimSiamLoss.Z2)) m.put(k, Tensor.randn(DType.F64, r, 4, 3));
        return LossInputs.of(m);
    }

    static LossInputs gist(long seed) {
        LossInputs in = cols(seed, 5, 4, 1);
        Rng r = new Rng(seed + 1000);
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.get(InfoNce.NEGATIVES);
        // a guide that roughly agrees with the data, so some negatives are masked and some kept
        Tensor ga = a.add(Tensor.randn(DType.F64, r, a.shape()).mul(0.3)).detach();
        Tensor gp = p.add(Tensor.randn(DType.F64, r, p.shape()).mul(0.3)).detach();
        Tensor gn = n.add(Tensor.randn(DType.F64, r, n.shape()).mul(0.3)).detach();
        return in.with(GistEmbedLoss.GUIDE_SCORES, GistEmbedLoss.guideScores(ga, gp, gn));
    }
}
