package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L107 · Hardness-aware InfoNCE — Wang &amp; Liu, <i>Understanding the Behaviour of Contrastive Loss</i> (CVPR 2021)
 * (top-K truncation); Robinson et al., <i>Contrastive Learning with Hard Negative Samples</i> (HCL, ICLR 2021)
 * (exponential tilting).
 * Mode {@code topk}: only the K most similar negatives of each row stay in the denominator (selection frozen, from
 * detached similarities). Mode {@code tilt}: Σ_j e^{s·sim_ij} becomes Σ_j w_ij e^{s·sim_ij} with
 * w_ij = |N|·e^{β sim_ij} / Σ_k e^{β sim_ik} over the row's negatives; {@code detach_weights} (default true) makes w sg.
 * HCL's debiasing with a class prior τ⁺ is not implemented.
 * Defaults: mode tilt, β = 1, K = 8 (topk), scale 20, cosine. β and K are per-task [K?]: formula not verified against
 * the paper: follows CATALOG.md.
 */
public final class HardnessAwareInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L107", "Hardness-aware InfoNCE", "contrastive", "T1",
            "Wang & Liu 2021, Understanding the Behaviour of Contrastive Loss; Robinson et al. 2021, Contrastive Learning with Hard Negative Samples",
            "topk: K hardest negatives only; tilt: Σ_j w_ij e^{s_ij}, w_ij = |N| softmax_j(β sim_ij)");

    public enum Mode { TOPK, TILT }

    private final Mode mode;
    private final int k;
    private final double beta;
    private final boolean detachWeights;
    private final LogitScale scale;
    private final Similarity sim;

    public HardnessAwareInfoNceLoss(Mode mode, int k, double beta, boolean detachWeights, LogitScale scale, Similarity sim) {
        if (mode == Mode.TOPK && k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        this.mode = mode;
        this.k = k;
        this.beta = beta;
        this.detachWeights = detachWeights;
        this.scale = scale;
        this.sim = sim;
    }

    public static HardnessAwareInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "k", "beta", "detach_weights", "scale", "temperature", "similarity", "learnable_scale", "dtype"));
        String m = p.getString("mode", "tilt").toLowerCase(java.util.Locale.ROOT);
        Mode mode = switch (m) {
            case "topk" -> Mode.TOPK;
            case "tilt" -> Mode.TILT;
            default -> throw new IllegalArgumentException("parameter 'mode' must be topk or tilt, got '" + m + "'");
        };
        return new HardnessAwareInfoNceLoss(mode, p.getInt("k", 8), p.getDouble("beta", 1), p.getBoolean("detach_weights", true),
                LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0);
        Tensor raw = sim.matrix(a, InfoNce.candidates(p, n));
        int c = raw.dim(1);
        Tensor logits = scale.apply(raw);
        int[] target = InfoNce.arange(b);
        Tensor onehot = InfoNce.targetOneHot(b, c, target, a.dtype());
        Tensor w;
        if (mode == Mode.TOPK) {
            double[] keep = new double[b * c];
            try (var g = Grad.off()) {
                Tensor negOnly = Tensor.where(onehot.gt(0.0), Tensor.full(a.dtype(), Double.NEGATIVE_INFINITY), raw.detach());
                int kk = Math.min(k, c - 1);
                int[] idx = negOnly.topk(kk, true).toIntArray();
                for (int i = 0; i < b; i++) for (int j = 0; j < kk; j++) keep[i * c + idx[i * kk + j]] = 1;
            }
            w = Tensor.of(keep, b, c).to(a.dtype());
        } else {
            // softmax of β·sim over the negatives only (target column excluded), times |N| = C − 1
            Tensor src = detachWeights ? raw.detach() : raw;
            Tensor tilted = Tensor.where(onehot.gt(0.0), Tensor.full(a.dtype(), Double.NEGATIVE_INFINITY), src.mul(beta));
            w = tilted.softmax(1).mul(c - 1);
        }
        return InfoNce.weightedCe(logits, target, w).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return scale.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "tilt", "k", "8", "beta", "1", "detach_weights", "true", "scale", "20", "similarity", "cos");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "anchor embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "positive embeddings, row-aligned"),
                Input.floats(InfoNce.NEGATIVES, "B x K x D", "K hard negatives per anchor").asOptional());
    }
}
