package io.contrast4j.losses.classification;

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
 * L318 · Entropy-maximisation loss with asymmetric pseudo-labels (SPML) — Zhou et al., <i>Acknowledging the Unknown
 * for Multi-label Learning with Single Positive Labels</i> (ECCV 2022).
 * Multi-label {@code logits} (N x C), p = σ(z); {@code labels} N x C: 1 = observed positive, 0 = unknown;
 * optional {@code pseudo_labels} N x C (1 / 0 = pseudo positive / negative, −1 = none; from {@link #pseudoLabels}, a
 * frozen assignment): L = (1/N) Σ_n [Σ_{observed} −log p − α Σ_{unknown, unassigned} H(p) + Σ_{assigned} BCE(p, ŷ)],
 * H(p) the binary entropy (from log-sigmoids, finite at saturation). Asymmetric pseudo-labelling: an unknown label
 * becomes positive when p ≥ {@code pos_threshold} and negative when p ≤ {@code neg_threshold} (the negative side is
 * looser, i.e. neg_threshold is farther from 0 than 1 − pos_threshold is from 1).
 * Defaults: α = 0.1, pos_threshold 0.95, neg_threshold 0.1 (thresholds not verified against the paper).
 */
public final class SinglePositiveLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L318", "Entropy-maximisation loss with asymmetric pseudo-labels (SPML)", "classification", "T2",
            "Zhou et al. 2022, Acknowledging the Unknown for Multi-label Learning with Single Positive Labels",
            "L = -log p_pos - alpha sum_unknown H(p_k) + BCE on pseudo-labels");
    public static final String LABELS = "labels";
    public static final String PSEUDO = "pseudo_labels";
    private final double alpha, posThreshold, negThreshold;

    public SinglePositiveLoss(double alpha, double posThreshold, double negThreshold) {
        if (!(alpha >= 0) || !(negThreshold < posThreshold)) throw new IllegalArgumentException("L318: need alpha >= 0 and neg_threshold < pos_threshold");
        this.alpha = alpha;
        this.posThreshold = posThreshold;
        this.negThreshold = negThreshold;
    }

    public static SinglePositiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("alpha", "pos_threshold", "neg_threshold", "dtype"));
        return new SinglePositiveLoss(p.getDouble("alpha", 0.1), p.getDouble("pos_threshold", 0.95), p.getDouble("neg_threshold", 0.1));
    }

    /** Asymmetric pseudo-labels (N x C, 1 / 0 / −1) for the unknown entries of {@code labels} from probabilities {@code probs}. */
    public double[] pseudoLabels(double[] probs, double[] labels) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            out[i] = labels[i] > 0.5 ? -1 : probs[i] >= posThreshold ? 1 : probs[i] <= negThreshold ? 0 : -1;
        }
        return out;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        Tensor y = Cls.sameShape(INFO.id(), in, LABELS, z);
        double[] yh = io.contrast4j.losses.ranking.Lists.host(y);
        double[] ps = in.has(PSEUDO) ? io.contrast4j.losses.ranking.Lists.host(Cls.sameShape(INFO.id(), in, PSEUDO, z)) : null;
        int m = yh.length;
        double[] obs = new double[m], unk = new double[m], asg = new double[m], tgt = new double[m];
        for (int i = 0; i < m; i++) {
            if (yh[i] > 0.5) obs[i] = 1;
            else if (ps != null && ps[i] > -0.5) {
                asg[i] = 1;
                tgt[i] = ps[i] > 0.5 ? 1 : 0;
            } else unk[i] = 1;
        }
        int[] sh = z.shape();
        Tensor logP = Cls.logSigmoid(z), logQ = Cls.logSigmoid(z.neg());
        Tensor p = z.sigmoid(), q = z.neg().sigmoid();
        Tensor entropy = p.mul(logP).add(q.mul(logQ)).neg();
        Tensor t = Tensor.of(tgt, sh).to(z.dtype());
        Tensor bce = t.mul(logP).add(t.affine(-1, 1).mul(logQ)).neg();
        Tensor total = logP.neg().mul(Tensor.of(obs, sh).to(z.dtype()))
                .sub(entropy.mul(Tensor.of(unk, sh).to(z.dtype())).mul(alpha))
                .add(bce.mul(Tensor.of(asg, sh).to(z.dtype())));
        return total.sum().div(z.dim(0));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", "0.1", "pos_threshold", "0.95", "neg_threshold", "0.1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.floats(LABELS, "N x C", "1 = observed positive, 0 = unknown"),
                Input.floats(PSEUDO, "N x C", "frozen pseudo-labels: 1 / 0, -1 = none").asOptional());
    }
}
