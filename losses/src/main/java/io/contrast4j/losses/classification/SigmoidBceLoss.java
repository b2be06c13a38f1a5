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
 * L302 · Sigmoid binary cross-entropy — PyTorch {@code BCEWithLogitsLoss}, SameDiff {@code sigmoidCrossEntropy},
 * DJL {@code SigmoidBinaryCrossEntropyLoss}, ST-CE {@code BinaryCrossEntropyLoss}.
 * ℓ = −[w⁺·y·log σ(z) + (1−y)·log(1−σ(z))] = w⁺·y·softplus(−z) + (1−y)·softplus(z), mean over all entries;
 * targets y ∈ [0, 1] (N x C, multi-label or soft). {@code pos_weight} is one number or one per class.
 * Defaults: pos_weight 1.
 */
public final class SigmoidBceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L302", "Sigmoid binary cross-entropy", "classification", "T1",
            "binary log loss; PyTorch BCEWithLogitsLoss, SameDiff sigmoidCrossEntropy, DJL SigmoidBinaryCrossEntropyLoss, ST-CE BinaryCrossEntropyLoss",
            "l = w+ y softplus(-z) + (1-y) softplus(z)");
    private final double[] posWeight;

    public SigmoidBceLoss(double[] posWeight) {
        this.posWeight = posWeight == null ? new double[]{1} : posWeight.clone();
        for (double w : this.posWeight) if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("L302: pos_weight must be finite and >= 0, got " + w);
    }

    public static SigmoidBceLoss fromParams(Params p) {
        p.checkKnown(Set.of("pos_weight", "dtype"));
        return new SigmoidBceLoss(Cls.doubles(p, "pos_weight"));
    }

    /** Elementwise losses (N x C). */
    public Tensor elementLosses(Tensor z, Tensor y) {
        int c = z.dim(1);
        Tensor pos = z.neg().softplus().mul(y);
        if (posWeight.length == 1) {
            if (posWeight[0] != 1) pos = pos.mul(posWeight[0]);
        } else {
            if (posWeight.length != c) throw new IllegalArgumentException("L302: pos_weight has " + posWeight.length + " values but there are C = " + c + " classes");
            pos = pos.mul(Tensor.of(posWeight, 1, c).to(z.dtype()));
        }
        return pos.add(z.softplus().mul(y.affine(-1, 1)));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        return elementLosses(z, Cls.sameShape(INFO.id(), in, Cls.TARGETS, z)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pos_weight", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.floats(Cls.TARGETS, "N x C", "targets in [0, 1]"));
    }
}
