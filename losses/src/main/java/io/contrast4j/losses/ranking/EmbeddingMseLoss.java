package io.contrast4j.losses.ranking;

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
 * L203 · Embedding MSE distillation — Reimers &amp; Gurevych, <i>Making Monolingual Sentence Embeddings Multilingual
 * using Knowledge Distillation</i> (2020); ST {@code MSELoss}, ST-CE {@code MSELoss}, ST-SP {@code SparseMSELoss}.
 * Embedding form: every student column ({@code embeddings}, optional {@code ref_embeddings}; N x D) is compared with
 * the same {@code teacher_embeddings} rows: L = MSE(concat(columns), repeat(teacher)) = mean over columns of
 * mean (e − t)². Score form (ST-CE): L = mean (s − t)² of {@code scores} and {@code teacher_scores}. Teacher constant.
 * No parameters.
 */
public final class EmbeddingMseLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L203", "Embedding MSE distillation", "ranking", "T1",
            "Reimers & Gurevych 2020, Making Monolingual Sentence Embeddings Multilingual using Knowledge Distillation; ST MSELoss; ST-CE MSELoss",
            "L = MSE(student embedding, teacher embedding)");
    public static final String TEACHER_EMBEDDINGS = "teacher_embeddings";
    public static final String REF = io.contrast4j.losses.metric.MetricLoss.REF_EMBEDDINGS;

    public static EmbeddingMseLoss fromParams(Params p) {
        p.checkKnown(Set.of("dtype"));
        return new EmbeddingMseLoss();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        if (in.has(Lists.SCORES) || in.has(Lists.TEACHER)) {
            Tensor s = in.get(Lists.SCORES), t = in.get(Lists.TEACHER);
            if (!Shape.same(s.shape(), t.shape())) throw new IllegalArgumentException("L203: scores " + Shape.str(s.shape()) + " and teacher_scores " + Shape.str(t.shape()) + " must have the same shape");
            Tensor d = s.sub(t);
            return d.mul(d).mean();
        }
        Tensor t = in.get(TEACHER_EMBEDDINGS);
        List<Tensor> cols = new ArrayList<>();
        cols.add(in.get(io.contrast4j.losses.LossInputs.EMBEDDINGS));
        if (in.has(REF)) cols.add(in.get(REF));
        Tensor total = null;
        for (Tensor e : cols) {
            if (!Shape.same(e.shape(), t.shape())) throw new IllegalArgumentException("L203: student embeddings " + Shape.str(e.shape()) + " and teacher_embeddings " + Shape.str(t.shape()) + " must have the same shape");
            Tensor d = e.sub(t);
            Tensor m = d.mul(d).mean();
            total = total == null ? m : total.add(m);
        }
        return total.div(cols.size());
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "student embeddings").asOptional(),
                Input.floats(REF, "N x D", "a second student column compared with the same teacher rows").asOptional(),
                Input.floats(TEACHER_EMBEDDINGS, "N x D", "teacher embeddings (constant)").asOptional(),
                Input.floats(Lists.SCORES, "B x C", "student scores (score form)").asOptional(),
                Input.floats(Lists.TEACHER, "B x C", "teacher scores (score form)").asOptional());
    }
}
