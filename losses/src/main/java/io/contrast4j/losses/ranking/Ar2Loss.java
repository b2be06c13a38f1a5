package io.contrast4j.losses.ranking;

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
 * L215 · Adversarial retriever–ranker objective (AR2) — Zhang et al., <i>Adversarial Retriever-Ranker for dense text
 * retrieval</i> (ICLR 2022); read at microsoft/AR2 {@code AR2/wiki/co_training_wiki_train.py}.
 * Each row is a group [d⁺, d⁻₁, …] (positive at column 0). Ranker phase ({@code phase=ranker}): L = mean CE of
 * {@code ranker_scores} with target 0. Retriever phase (ranker frozen: pass {@code ranker_scores} without gradient):
 * p_θ = softmax({@code scores}/s) (s = √D with {@code scale_by_dim}, else 1), p_φ = softmax(r/T),
 * normal = (1/B) Σ_{b,d} −p_φ log(p_θ + ε), reward_d = log(σ(r_{d⁺} − r_d) + ε), adv = Σ_{b,d} reward_d log(p_θ + ε) (a
 * batch sum, as in the official code); L = λ·adv + (1 − λ)·normal, ε = 10⁻⁷. Alternate phases and refresh the mined
 * candidates (S206) outside the loss.
 * Defaults: phase retriever, λ = 0.5, T = 1, no dim scaling (official-script values of λ and T not verified).
 */
public final class Ar2Loss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L215", "Adversarial retriever-ranker objective (AR2)", "ranking", "T2",
            "Zhang et al. 2022, Adversarial Retriever-Ranker for dense text retrieval; microsoft/AR2",
            "L = lambda sum log sigmoid(r+ - r_d) log p_theta(d) + (1 - lambda) CE(p_phi, p_theta)");
    public static final String RANKER_SCORES = "ranker_scores";
    static final double EPS = 1e-7;
    private final boolean rankerPhase;
    private final double lambda, temperature;
    private final int scaleDim;

    public Ar2Loss(boolean rankerPhase, double lambda, double temperature, int scaleDim) {
        if (!(lambda >= 0 && lambda <= 1)) throw new IllegalArgumentException("L215: parameter 'lambda' must be in [0, 1], got " + lambda);
        this.rankerPhase = rankerPhase;
        this.lambda = lambda;
        this.temperature = temperature;
        this.scaleDim = scaleDim;
    }

    public static Ar2Loss fromParams(Params p) {
        p.checkKnown(Set.of("phase", "lambda", "temperature", "scale_by_dim", "dtype"));
        String ph = p.getString("phase", "retriever").toLowerCase(Locale.ROOT);
        if (!ph.equals("retriever") && !ph.equals("ranker")) throw new IllegalArgumentException("parameter 'phase' must be retriever or ranker, got '" + ph + "'");
        return new Ar2Loss(ph.equals("ranker"), p.getDouble("lambda", 0.5), p.getPositive("temperature", 1), p.getInt("scale_by_dim", 0));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor r = in.get(RANKER_SCORES);
        if (r.rank() != 2 || r.dim(1) < 2) throw new IllegalArgumentException("L215: ranker_scores must be B x C with C >= 2 (positive first), got " + io.contrast4j.autograd.Shape.str(r.shape()));
        int b = r.dim(0), c = r.dim(1);
        if (rankerPhase) return r.logsumexp(1).sub(r.slice(1, 0, 1).reshape(b)).mean();
        Tensor s = Lists.like(INFO.id(), in, Lists.SCORES, r);
        Tensor logPt = s.div(scaleDim > 0 ? Math.sqrt(scaleDim) : 1).softmax(1).add(EPS).log();
        Tensor pPhi = r.div(temperature).softmax(1);
        Tensor normal = pPhi.mul(logPt).sum().div(-b);
        Tensor reward = r.slice(1, 0, 1).sub(r).sigmoid().add(EPS).log();
        Tensor adv = reward.mul(logPt).sum();
        return adv.mul(lambda).add(normal.mul(1 - lambda));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("phase", "retriever", "lambda", "0.5", "temperature", "1", "scale_by_dim", "0 (off; else D)");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Lists.SCORES, "B x C", "retriever scores <q, d> of each group, positive first (retriever phase)").asOptional(),
                Input.floats(RANKER_SCORES, "B x C", "ranker logits of the same group (constant in the retriever phase)"));
    }
}
