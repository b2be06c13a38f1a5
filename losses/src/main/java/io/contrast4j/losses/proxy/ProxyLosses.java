package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLosses;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Registry rows of CATALOG.md section (a), proxy and margin-softmax heads (L040–L056, L065). */
public final class ProxyLosses {
    private ProxyLosses() {
    }

    /** Check parameters of the learnable heads: 3 classes, 4-D embeddings (dtype F64 is added by LossEntry). */
    static final Params HEAD = Params.of(Map.of("num_classes", "3", "embedding_size", "4"));

    public static List<LossEntry> entries() {
        return List.of(
                LossEntry.of("L040", NCALoss::fromParams, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L041", ProxyNCALoss::fromParams, HEAD, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L042", ProxyAnchorLoss::fromParams, HEAD, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L043", SoftTripleLoss::fromParams, HEAD.with("centers_per_class", 2), s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L045", NormalizedSoftmaxLoss::fromParams, HEAD, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L046", LargeMarginSoftmaxLoss::fromParams, HEAD,
                        s -> offKinks(s, 8, LargeMarginSoftmaxLoss::fromParams, HEAD, (cos, y) -> angleOk(cos[y], 4))),
                LossEntry.of("L047", SphereFaceLoss::fromParams, HEAD,
                        s -> offKinks(s, 8, SphereFaceLoss::fromParams, HEAD, (cos, y) -> angleOk(cos[y], 4))),
                LossEntry.of("L048", CosFaceLoss::fromParams, HEAD, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L049", ArcFaceLoss::fromParams, HEAD,
                        s -> offKinks(s, 8, ArcFaceLoss::fromParams, HEAD, (cos, y) -> arcOk(cos[y]))),
                LossEntry.of("L050", SubCenterArcFaceLoss::fromParams, HEAD.with("sub_centers", 2),
                        s -> offKinks(s, 8, SubCenterArcFaceLoss::fromParams, HEAD.with("sub_centers", 2), ProxyLosses::subCenterOk)),
                LossEntry.of("L051", P2SGradLoss::fromParams, HEAD, s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L052", SFaceLoss::fromParams, HEAD,
                        s -> offKinks(s, 8, SFaceLoss::fromParams, HEAD, ProxyLosses::sfaceOk)),
                LossEntry.of("L044", ManifoldLoss::fromParams, Params.of(Map.of("K", "3", "embedding_size", "4")),
                        s -> LossInputs.of(Map.of(LossInputs.EMBEDDINGS, MetricLosses.labelled(s, 8, 4, 3).embeddings(),
                                ManifoldLoss.META_CLASSES, Tensor.ofInts(new int[]{0, 1, 2, 0, 1, 2, 0, 1}, 8)))),
                LossEntry.of("L053", UnpgLoss::fromParams, HEAD,
                        s -> offKinks(s, 8, UnpgLoss::fromParams, HEAD, (cos, y) -> arcOk(cos[y]))),
                LossEntry.of("L054", PrototypeContrastiveLoss::fromParams, HEAD.with("update", false), s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L055", CenterLoss::fromParams, HEAD.with("update", false).with("lambda", 0.5), s -> MetricLosses.labelled(s, 8, 4, 3)),
                LossEntry.of("L056", AmarxLoss::fromParams, HEAD.with("lambda", 0.5), ProxyMoreExamples::classModels),
                LossEntry.of("L065", MsgCoOpLoss::fromParams, HEAD.with("num_prompts", 3).with("scale", 5).with("w", 2).with("lambda_div", 0.5).with("seed", 3), ProxyMoreExamples::prompts)
        );
    }

    /** Row test used by {@link #offKinks}: raw cosines of one embedding to every weight row, and its label. */
    interface RowTest {
        boolean ok(double[] cosToRows, int label);
    }

    /**
     * Seeded F64 embeddings (labels cycling over the classes) where each row is re-drawn until {@code test} accepts its
     * cosines to the head's initial weight rows (the head is built from the same parameters), keeping the gradient
     * check off the acos, branch and max kinks.
     */
    static LossInputs offKinks(long seed, int n, Function<Params, ? extends Loss> factory, Params params, RowTest test) {
        Loss loss = factory.apply(params.with("dtype", "F64"));
        Tensor w = loss.parameters().get(0);
        int rows = w.dim(0), d = w.dim(1);
        int classes = Integer.parseInt(params.getString("num_classes", "3"));
        double[] wv = w.detach().normalize(1).toDoubleArray();
        Rng rng = new Rng(seed);
        double[] e = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int attempt = 0; ; attempt++) {
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    e[i * d + j] = rng.nextGaussian();
                    norm += e[i * d + j] * e[i * d + j];
                }
                norm = Math.sqrt(norm);
                double[] cos = new double[rows];
                for (int r = 0; r < rows; r++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += e[i * d + j] * wv[r * d + j];
                    cos[r] = s / norm;
                }
                if (test.ok(cos, y[i])) break;
                if (attempt > 10_000) throw new IllegalStateException("could not draw a kink-free row " + i + " for seed " + seed);
            }
        }
        return LossInputs.of(Tensor.of(e, n, d), y);
    }

    /** θ = acos(c) at least 0.05 rad from every kπ/m and |c| ≤ 0.99. */
    static boolean angleOk(double c, int m) {
        if (Math.abs(c) > 0.99) return false;
        double theta = Math.acos(c), step = Math.PI / m;
        double frac = theta / step - Math.floor(theta / step);
        return Math.min(frac, 1 - frac) * step > 0.05;
    }

    /** |c| ≤ 0.99 and c at least 0.05 from ArcFace's branch point −cos(0.5 rad). */
    static boolean arcOk(double c) {
        return Math.abs(c) <= 0.99 && Math.abs(c + Math.cos(Math.toRadians(28.6))) > 0.05;
    }

    /** Sub-centres (K = 2): no near-tie between a class's two sub-centres, and the max passes {@link #arcOk}. */
    static boolean subCenterOk(double[] cos, int label) {
        for (int c = 0; c < cos.length / 2; c++) if (Math.abs(cos[2 * c] - cos[2 * c + 1]) < 0.05) return false;
        return arcOk(Math.max(cos[2 * label], cos[2 * label + 1]));
    }

    /**
     * SFace's detached re-scales σ(±k(θ − a|b)) are frozen at x₀ by the catalog; with k = 80 they are constant to
     * ~1e-9 when every θ is ≥ 0.3 rad from its sigmoid centre, so such rows make the finite differences see them frozen.
     */
    static boolean sfaceOk(double[] cos, int label) {
        for (int j = 0; j < cos.length; j++) {
            double theta = Math.acos(Math.max(-1, Math.min(1, cos[j])));
            if (Math.abs(theta - (j == label ? 0.87 : 1.22)) < 0.3) return false;
        }
        return true;
    }
}
