package io.contrast4j.losses.contrastive;

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
 * L115 · Frozen-side / static-bank InfoNCE — RTD, <i>Reducing Task Discrepancy of Text Encoders for Zero-Shot Composed
 * Image Retrieval</i>; SPN4CIR stage 2, <i>Improving Composed Image Retrieval via Contrastive Learning with Scaling
 * Positives and Negatives</i> (s003, s004).
 * Queries q (B x D) from the trained side; the {@code bank} (M x D) holds target embeddings from a frozen encoder copy
 * (RTD: the batch's own targets, M = B) or a precomputed gallery (SPN4CIR: the whole bank or a large slice);
 * {@code targets} (B, ints) gives each query's positive row (default i, so M ≥ B). logits = s·sim(q, sg(bank));
 * L = mean_i CE(logits_i, target_i). {@code detach_bank} (default true) stops any gradient into the bank; the
 * registry gradient check sets it false so the bank is an ordinary input there.
 * Defaults: scale 20, cosine. [K?] RTD's pseudo-token refinement is out of scope (an encoder concern).
 * formula not verified against the paper: follows CATALOG.md.
 */
public final class FrozenBankInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L115", "Frozen-side / static-bank InfoNCE", "contrastive", "T2",
            "RTD (Reducing Task Discrepancy of Text Encoders for Zero-Shot CIR); SPN4CIR stage 2",
            "L = mean_i CE(s·sim(q_i, sg(bank)), target_i)");
    public static final String BANK = "bank";
    public static final String TARGETS = "targets";
    private final LogitScale scale;
    private final Similarity sim;
    private final boolean detachBank;

    public FrozenBankInfoNceLoss(LogitScale scale, Similarity sim, boolean detachBank) {
        this.scale = scale;
        this.sim = sim;
        this.detachBank = detachBank;
    }

    public static FrozenBankInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "similarity", "learnable_scale", "detach_bank", "dtype"));
        return new FrozenBankInfoNceLoss(LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")), p.getBoolean("detach_bank", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor q = in.get(InfoNce.ANCHORS), bank = in.get(BANK);
        int b = q.dim(0), m = bank.dim(0);
        if (q.dim(1) != bank.dim(1)) throw new IllegalArgumentException(INFO.id() + ": anchors D=" + q.dim(1) + " but bank D=" + bank.dim(1));
        int[] t;
        if (in.has(TARGETS)) {
            t = in.get(TARGETS).toIntArray();
            if (t.length != b) throw new IllegalArgumentException(INFO.id() + ": " + b + " queries but " + t.length + " targets");
            for (int v : t) if (v < 0 || v >= m) throw new IllegalArgumentException(INFO.id() + ": target " + v + " outside the bank [0, " + m + ")");
        } else {
            if (m < b) throw new IllegalArgumentException(INFO.id() + ": without 'targets' the bank needs >= B=" + b + " rows, got " + m);
            t = InfoNce.arange(b);
        }
        Tensor logits = scale.apply(sim.matrix(q, detachBank ? bank.detach() : bank));
        return InfoNce.ce(logits, t).mean();
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
        return Map.of("scale", "20", "similarity", "cos", "detach_bank", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "query embeddings (trained side)"),
                Input.floats(BANK, "M x D", "frozen target embeddings (constant)"),
                Input.ints(TARGETS, "B", "row of each query's positive in the bank (default i)").asOptional());
    }
}
