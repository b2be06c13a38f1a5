package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.Similarity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L202 · KL distillation to a teacher score distribution over candidates — ST {@code DistillKLDivLoss}, ST-SP
 * {@code SparseDistillKLDivLoss}; listwise distillation of <i>Teaching Dense Retrieval Models to Specialize with
 * Listwise Distillation and LLM Data Augmentation</i>; UniME-V2 (JS option).
 * p_T = softmax(T/τ_T), log p_S = log_softmax(S/τ_S); KL: L = τ²·mean_q Σ_c p_T (log p_T − log p_S) (batchmean);
 * JS: L = τ²·mean_q [½KL(p_T‖m) + ½KL(p_S‖m)], m = ½(p_T + p_S) ([K?] UniME-V2 option, formula not verified against
 * the paper: follows CATALOG.md). Student scores from {@code scores} (B x C) or the columns (dot product by default);
 * {@code teacher_scores} B x C aligned with them. τ² uses τ = τ_S. {@code teacher_normalize=minmax} min-max normalises
 * each teacher row first (teacher-ensemble recipe, [K]); average several teachers' normalised rows before passing them.
 * Defaults (ST): τ = 1 for both, divergence kl, dot product.
 */
public final class DistillKlLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L202", "KL distillation to a teacher score distribution", "ranking", "T1",
            "ST DistillKLDivLoss; Teaching Dense Retrieval Models to Specialize with Listwise Distillation and LLM Data Augmentation",
            "L = tau^2 KL(softmax(T/tau) || softmax(S/tau)), batchmean");
    private final Similarity sim;
    private final double tauT, tauS;
    private final boolean js, minmax;

    public DistillKlLoss(Similarity sim, double tauT, double tauS, boolean js, boolean minmax) {
        this.sim = sim;
        this.tauT = tauT;
        this.tauS = tauS;
        this.js = js;
        this.minmax = minmax;
    }

    public static DistillKlLoss fromParams(Params p) {
        p.checkKnown(Set.of("similarity", "temperature", "teacher_temperature", "student_temperature", "divergence", "teacher_normalize", "dtype"));
        double tau = p.getPositive("temperature", 1);
        String div = p.getString("divergence", "kl").toLowerCase(Locale.ROOT);
        if (!div.equals("kl") && !div.equals("js")) throw new IllegalArgumentException("parameter 'divergence' must be kl or js, got '" + div + "'");
        String norm = p.getString("teacher_normalize", "none").toLowerCase(Locale.ROOT);
        if (!norm.equals("none") && !norm.equals("minmax")) throw new IllegalArgumentException("parameter 'teacher_normalize' must be none or minmax, got '" + norm + "'");
        return new DistillKlLoss(Similarity.parse(p.getString("similarity", "dot")), p.getPositive("teacher_temperature", tau),
                p.getPositive("student_temperature", tau), div.equals("js"), norm.equals("minmax"));
    }

    /** Σ_c p (log p − log q) per row, 0·log 0 treated as 0 through the log-softmax inputs. */
    static Tensor kl(Tensor p, Tensor logP, Tensor logQ) {
        return p.mul(logP.sub(logQ)).sum(new int[]{1}, false);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Distill.studentScores(INFO.id(), in, sim);
        Tensor t = in.get(Lists.TEACHER);
        Distill.checkTeacher(INFO.id(), t, s, s.dim(1));
        if (minmax) {
            Tensor lo = t.min(new int[]{1}, true), hi = t.max(new int[]{1}, true);
            t = t.sub(lo).div(hi.sub(lo).clampMin(1e-12));
        }
        Tensor logPt = t.div(tauT).logSoftmax(1), pt = logPt.exp();
        Tensor logPs = s.div(tauS).logSoftmax(1);
        Tensor rows;
        if (!js) {
            rows = kl(pt, logPt, logPs);
        } else {
            Tensor ps = logPs.exp();
            Tensor logM = Tensor.stack(List.of(logPt, logPs), 0).logsumexp(0).sub(Math.log(2));
            rows = kl(pt, logPt, logM).add(kl(ps, logPs, logM)).mul(0.5);
        }
        return rows.mean().mul(tauS * tauS);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "1", "divergence", "kl", "similarity", "dot", "teacher_normalize", "none");
    }

    @Override
    public List<Input> inputs() {
        return Distill.inputs("B x C", "teacher scores aligned with the student's candidates");
    }
}
