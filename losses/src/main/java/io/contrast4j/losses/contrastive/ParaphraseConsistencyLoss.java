package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L125 · Paraphrase consistency with learnable prefixes — Sun et al., <i>Evaluating the Zero-shot Robustness of
 * Instruction-tuned Language Models</i> (ICLR 2024). The same input x is encoded under two phrasings of its
 * instruction, h_a = h(soft ⊕ instr_a, x) ({@code anchors}) and h_b = h(soft ⊕ instr_b, x) ({@code positives}), B x D.
 * L = L_task + λ·mean_i (1 − cos(h_a,i, h_b,i)) ({@code mode=cos}), or with class logits (B x C) in both inputs,
 * L_task + λ·mean_i KL(softmax(h_a,i) ‖ softmax(h_b,i)) ({@code mode=kl}); L_task is the optional scalar
 * {@code task_loss} input (0 when absent).
 * T3 stand-in: the model is a small encoder with learnable prefix vectors (E12) and the two views come from the
 * rule-based rephrasings of {@link #rephrasings} (orig. an instruction-tuned LLM with human/LLM-written rephrasings).
 * Defaults: λ = 1, mode = cos. Formula not verified against the paper: follows CATALOG.md.
 */
public final class ParaphraseConsistencyLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L125", "Paraphrase-consistency with learnable prefixes", "contrastive", "T3",
            "Sun et al. 2024, Evaluating the Zero-shot Robustness of Instruction-tuned Language Models",
            "L_task + λ·(1 − cos(h(soft ⊕ instr_a, x), h(soft ⊕ instr_b, x)))  (or KL of the two output distributions)");
    public static final String TASK_LOSS = "task_loss";
    private final double lambda;
    private final boolean kl;

    public ParaphraseConsistencyLoss(double lambda, boolean kl) {
        this.lambda = lambda;
        this.kl = kl;
    }

    public static ParaphraseConsistencyLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "mode", "dtype"));
        String m = p.getString("mode", "cos");
        if (!m.equals("cos") && !m.equals("kl")) throw new IllegalArgumentException("parameter 'mode' must be cos or kl, got '" + m + "'");
        return new ParaphraseConsistencyLoss(p.getDouble("lambda", 1), m.equals("kl"));
    }

    /**
     * Rule-based rephrasings of an instruction (the stand-in for written paraphrases): the instruction itself, a
     * polite imperative ("Please …"), a question form ("Can you …?") and a task-label form ("Task: …").
     */
    public static List<String> rephrasings(String instruction) {
        String s = instruction.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("rephrasings: empty instruction");
        String core = s.replaceAll("[.!?]+$", "");
        String lower = core.substring(0, 1).toLowerCase(Locale.ROOT) + core.substring(1);
        return List.of(s, "Please " + lower + ".", "Can you " + lower + "?", "Task: " + core + ".");
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), b = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, b, null);
        Tensor cons = kl
                ? a.softmax(1).mul(a.logSoftmax(1).sub(b.logSoftmax(1))).sum(new int[]{1}, false).mean()
                : Similarity.COS.pairwise(a, b).neg().add(1).mean();
        Tensor loss = cons.mul(lambda);
        Tensor task = in.getOrNull(TASK_LOSS);
        if (task != null) {
            if (task.numel() != 1) throw new IllegalArgumentException(INFO.id() + ": task_loss must be a scalar, got " + task.numel() + " values");
            loss = loss.add(task.reshape(new int[0]).to(a.dtype()));
        }
        return loss;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1", "mode", "cos");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "outputs under phrasing a (embeddings, or logits for mode=kl)"),
                Input.floats(InfoNce.POSITIVES, "B x D", "outputs under phrasing b"),
                Input.floats(TASK_LOSS, "scalar", "the task loss to add (optional)").asOptional());
    }
}
