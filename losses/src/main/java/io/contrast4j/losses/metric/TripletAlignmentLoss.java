package io.contrast4j.losses.metric;

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
 * L023 · Triplet-alignment loss (TAL) — Qin et al., <i>Noisy-Correspondence Learning for Text-to-Image Person
 * Re-identification</i> (RDE, CVPR 2024), repo QinYang79/RDE {@code compute_TAL}.
 * S = cos(texts, images) (B x B); α_ij = sg(softmax over same-identity j of S_ij/τ);
 * TAL_i = [m − Σ_j α_ij S_ij + τ·log Σ_{k: id_k ≠ id_i} e^{S_ik/τ}]₊, plus the same on Sᵀ; L = Σ_i w_i·TAL_i (a sum),
 * w = the optional CCD weights ({@code weights}, default 1; S406 supplies them). A row with no other identity
 * contributes only through its other direction (its own bracket term is 0).
 * Defaults: τ = 0.015, m = 0.1, {@code detach_alpha} true (false lets the gradient flow through α; the registry
 * gradient check uses it, since a detached α that moves with the inputs has no well-defined finite difference).
 */
public final class TripletAlignmentLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L023", "Triplet-alignment loss (TAL)", "metric-learning", "T2",
            "Qin et al. 2024, Noisy-Correspondence Learning for Text-to-Image Person Re-identification (RDE); repo QinYang79/RDE",
            "Σ_i w_i [m − Σ_j sg(α_ij) S_ij + τ log Σ_{k∉id_i} e^{S_ik/τ}]+ (+ same on Sᵀ)");
    public static final String WEIGHTS = "weights";
    private final double tau, margin;
    private final boolean detachAlpha;

    public TripletAlignmentLoss(double tau, double margin) {
        this(tau, margin, true);
    }

    public TripletAlignmentLoss(double tau, double margin, boolean detachAlpha) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'tau' must be > 0, got " + tau);
        this.tau = tau;
        this.margin = margin;
        this.detachAlpha = detachAlpha;
    }

    public static TripletAlignmentLoss fromParams(Params p) {
        p.checkKnown(Set.of("tau", "margin", "detach_alpha", "dtype"));
        return new TripletAlignmentLoss(p.getPositive("tau", 0.015), p.getDouble("margin", 0.1), p.getBoolean("detach_alpha", true));
    }

    /** Per-row TAL of score matrix {@code s} (rows are anchors), given the same-identity mask. */
    private Tensor direction(Tensor s, Tensor same) {
        int b = s.dim(0);
        Tensor src = detachAlpha ? s.detach() : s;
        Tensor a = src.div(tau).sub(MetricOps.maskedLse(src.div(tau), same, false).reshape(b, 1)).exp().mul(same);
        Tensor neg = same.affine(-1, 1);
        double[] cnt = MetricOps.rowCounts(neg);
        Tensor lse = MetricOps.maskedLse(s.div(tau), neg, false).mul(tau);
        double[] has = new double[b];
        for (int i = 0; i < b; i++) has[i] = cnt[i] > 0 ? 1 : 0;
        Tensor v = lse.sub(a.mul(s).sum(new int[]{1}, false)).add(margin).relu();
        return v.mul(MetricOps.constant(has, s.dtype(), b));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        Tensor t = in.get(PairInputs.ANCHORS), im = in.get(PairInputs.POSITIVES);
        int[] id = in.get(LossInputs.LABELS).toIntArray();
        int b = t.dim(0);
        if (id.length != b) throw new IllegalArgumentException(INFO.id() + ": " + b + " rows but " + id.length + " identity labels");
        Tensor s = t.normalize(1).matmul(im.normalize(1), false, true);
        Tensor same = MetricOps.labelMask(id, id, false, true, s.dtype());
        Tensor l = direction(s, same).add(direction(s.t(), same));
        Tensor w = in.getOrNull(WEIGHTS);
        if (w != null) {
            if (w.numel() != b) throw new IllegalArgumentException(INFO.id() + ": 'weights' must have " + b + " entries, got " + w.numel());
            l = l.mul(w.reshape(b).to(s.dtype()));
        }
        return l.sum();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("tau", "0.015", "margin", "0.1", "detach_alpha", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PairInputs.ANCHORS, "B x D", "text embeddings"),
                Input.floats(PairInputs.POSITIVES, "B x D", "image embeddings, row-aligned"),
                Input.ints(LossInputs.LABELS, "B", "identity labels"),
                Input.floats(WEIGHTS, "B", "per-pair weights (CCD, S406)").asOptional());
    }
}
