package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.InfoNce;
import io.contrast4j.losses.contrastive.Similarity;

import java.util.ArrayList;
import java.util.List;

/** Student scores for the distillation losses: given directly ({@code scores}, B x C) or from ST columns (query, positive, negatives). */
final class Distill {
    private Distill() {
    }

    /** Inputs: either scores or the columns, plus the teacher scores. */
    static List<Input> inputs(String teacherShape, String teacherDoc) {
        List<Input> in = new ArrayList<>();
        in.add(Input.floats(Lists.SCORES, "B x C", "student scores, positive first (instead of the columns)").asOptional());
        in.add(Input.floats(InfoNce.ANCHORS, "B x D", "query embeddings").asOptional());
        in.add(Input.floats(InfoNce.POSITIVES, "B x D", "positive document embeddings").asOptional());
        in.add(Input.floats(InfoNce.NEGATIVES, "B x K x D", "K negative documents per query").asOptional());
        in.add(Input.floats(Lists.TEACHER, teacherShape, teacherDoc));
        return in;
    }

    /** B x (1+K) student scores: the {@code scores} input, or sim(q, [p, n₁..n_K]) from the columns. */
    static Tensor studentScores(String id, LossInputs in, Similarity sim) {
        if (in.has(Lists.SCORES)) {
            if (in.has(InfoNce.ANCHORS) || in.has(InfoNce.POSITIVES) || in.has(InfoNce.NEGATIVES)) {
                throw new IllegalArgumentException(id + ": give either 'scores' or the columns (anchors, positives, negatives), not both");
            }
            return Lists.scores(id, in);
        }
        Tensor q = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(id, q, p, n);
        Tensor qs = sim.prepare(q);
        Tensor pos = qs.mul(sim.prepare(p)).sum(new int[]{1}, true); // B x 1
        if (n == null) return pos;
        Tensor neg = sim.prepare(n).mul(qs.unsqueeze(1)).sum(new int[]{2}, false); // B x K
        return Tensor.concat(List.of(pos, neg), 1);
    }

    static void checkTeacher(String id, Tensor t, Tensor student, int... allowedCols) {
        if (t.rank() != 2 || t.dim(0) != student.dim(0)) throw new IllegalArgumentException(id + ": teacher_scores must be B x T with B = " + student.dim(0) + ", got " + Shape.str(t.shape()));
        if (t.dtype() != student.dtype()) throw new IllegalArgumentException(id + ": teacher_scores must be " + student.dtype() + ", got " + t.dtype());
        for (int c : allowedCols) if (t.dim(1) == c) return;
        StringBuilder sb = new StringBuilder();
        for (int c : allowedCols) sb.append(sb.length() == 0 ? "" : " or ").append(c);
        throw new IllegalArgumentException(id + ": teacher_scores must have " + sb + " columns, got " + Shape.str(t.shape()));
    }
}
