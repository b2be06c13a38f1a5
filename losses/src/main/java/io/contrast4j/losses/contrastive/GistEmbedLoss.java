package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L104 · GISTEmbed (guide-masked InfoNCE) — Solatorio, <i>GISTEmbed: Guided In-sample Selection of Training Negatives
 * for Text Embedding Fine-tuning</i> (2024); ST {@code GISTEmbedLoss}.
 * Guide similarities g (input {@code guide_scores}), threshold t_i = g(a_i, p_i). Blocks a–p (diagonal protected),
 * a–a (if {@code contrast_anchors}), p–p (if {@code contrast_positives}), a–n; in each block the logit is −∞ where
 * g_ij &gt; t_i − m (absolute) or g_ij &gt; t_i·(1 − m) (relative); the blocks are concatenated, divided by τ, and
 * L = mean_i CE(·, i).
 * {@code guide_scores} is B x (3B + B·K): the guide's similarities [a–p | a–a | p–p | a–n] (a–n columns in the
 * candidate order of {@link InfoNce}); {@link #guideScores} builds it from guide embeddings.
 * Defaults (ST): τ = 0.01, margin 0, absolute, both contrasts on, cosine.
 */
public final class GistEmbedLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L104", "GISTEmbed (guide-masked InfoNCE)", "contrastive", "T1",
            "Solatorio 2024, GISTEmbed: Guided In-sample Selection of Training Negatives for Text Embedding Fine-tuning; ST GISTEmbedLoss",
            "logit_ij = −∞ where g_ij > g_ii − m, else sim_ij/τ; CE over [a–p | a–a | p–p | a–n]");
    public static final String GUIDE_SCORES = "guide_scores";

    private final double temperature, margin;
    private final boolean relative, contrastAnchors, contrastPositives;
    private final Similarity sim;

    public GistEmbedLoss(double temperature, double margin, boolean relative, boolean contrastAnchors, boolean contrastPositives, Similarity sim) {
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + temperature);
        this.temperature = temperature;
        this.margin = margin;
        this.relative = relative;
        this.contrastAnchors = contrastAnchors;
        this.contrastPositives = contrastPositives;
        this.sim = sim;
    }

    public static GistEmbedLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "margin", "margin_strategy", "contrast_anchors", "contrast_positives", "similarity", "dtype"));
        String ms = p.getString("margin_strategy", "absolute");
        if (!ms.equals("absolute") && !ms.equals("relative")) throw new IllegalArgumentException("parameter 'margin_strategy' must be absolute or relative, got '" + ms + "'");
        return new GistEmbedLoss(p.getPositive("temperature", 0.01), p.getDouble("margin", 0), ms.equals("relative"),
                p.getBoolean("contrast_anchors", true), p.getBoolean("contrast_positives", true), Similarity.parse(p.getString("similarity", "cos")));
    }

    /** Guide scores [a–p | a–a | p–p | a–n] from guide-model embeddings (cosine), computed without a graph. */
    public static Tensor guideScores(Tensor guideA, Tensor guideP, Tensor guideN) {
        try (var g = Grad.off()) {
            List<Tensor> blocks = new ArrayList<>(List.of(Similarity.COS.matrix(guideA, guideP), Similarity.COS.matrix(guideA, guideA),
                    Similarity.COS.matrix(guideP, guideP)));
            if (guideN != null && guideN.dim(1) > 0) blocks.add(Similarity.COS.matrix(guideA, guideN.reshape(guideN.dim(0) * guideN.dim(1), guideN.dim(2))));
            return Tensor.concat(blocks, 1).detach();
        }
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0), k = n == null ? 0 : n.dim(1);
        Tensor g = in.get(GUIDE_SCORES);
        if (g.rank() != 2 || g.dim(0) != b || g.dim(1) != 3 * b + b * k) {
            throw new IllegalArgumentException(INFO.id() + ": guide_scores must be B x (3B + B*K) = " + b + " x " + (3 * b + b * k) + ", got " + Shape.str(g.shape()));
        }
        double[] gv;
        try (var off = Grad.off()) {
            gv = g.to(io.contrast4j.autograd.DType.F64).toDoubleArray();
        }
        int gc = g.dim(1);
        List<Tensor> blocks = new ArrayList<>();
        List<double[]> masks = new ArrayList<>();
        blocks.add(sim.matrix(a, p));
        masks.add(blockMask(gv, gc, b, 0, b, true));
        if (contrastAnchors) {
            blocks.add(sim.matrix(a, a));
            masks.add(blockMask(gv, gc, b, b, b, false));
        }
        if (contrastPositives) {
            blocks.add(sim.matrix(p, p));
            masks.add(blockMask(gv, gc, b, 2 * b, b, false));
        }
        if (k > 0) {
            blocks.add(sim.matrix(a, n.reshape(b * k, n.dim(2))));
            masks.add(blockMask(gv, gc, b, 3 * b, b * k, false));
        }
        Tensor logits = Tensor.concat(blocks, 1).div(temperature);
        int c = logits.dim(1);
        double[] add = new double[b * c];
        int off = 0;
        for (double[] m : masks) {
            int w = m.length / b;
            for (int i = 0; i < b; i++) for (int j = 0; j < w; j++) add[i * c + off + j] = m[i * w + j];
            off += w;
        }
        Tensor masked = logits.add(Tensor.of(add, b, c).to(a.dtype()));
        return InfoNce.ce(masked, InfoNce.arange(b)).mean();
    }

    /** Additive mask (0 or −∞) of one block: columns [from, from+width) of the guide scores. */
    private double[] blockMask(double[] g, int gc, int b, int from, int width, boolean protectDiagonal) {
        double[] m = new double[b * width];
        for (int i = 0; i < b; i++) {
            double t = g[i * gc + i]; // g(a_i, p_i): diagonal of the a–p block
            double thr = relative ? t * (1 - margin) : t - margin;
            for (int j = 0; j < width; j++) {
                if (protectDiagonal && i == j) continue;
                if (g[i * gc + from + j] > thr) m[i * width + j] = Double.NEGATIVE_INFINITY;
            }
        }
        return m;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.01", "margin", "0", "margin_strategy", "absolute", "contrast_anchors", "true", "contrast_positives", "true", "similarity", "cos");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "anchor embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "positive embeddings, row-aligned"),
                Input.floats(InfoNce.NEGATIVES, "B x K x D", "K hard negatives per anchor").asOptional(),
                Input.floats(GUIDE_SCORES, "B x G", "guide similarities [a–p | a–a | p–p | a–n], G = 3B + B*K (constant)"));
    }
}
