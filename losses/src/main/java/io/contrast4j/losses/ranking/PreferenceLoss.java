package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
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
 * L226 · Reference-anchored preference losses (DPO, TPO, OneRec IPA pairs) — Rafailov et al. DPO as analysed in
 * Razin et al., <i>Unintentional Unalignment: Likelihood Displacement in Direct Preference Optimization</i>;
 * Saeidi et al., <i>Triple Preference Optimization</i>; Deng et al., <i>OneRec</i> (IPA). T3: the stand-in uses a small
 * ranker's candidate scores as log π and a frozen copy's scores as log π_ref (orig. LLM sequence likelihoods).
 * DPO: L = −mean log σ(β[(log π − log π_ref)(y⁺) − (log π − log π_ref)(y⁻)]) over {@code chosen}, {@code rejected},
 * {@code ref_chosen}, {@code ref_rejected} (N each; the references are constants). TPO: L = −mean log π(gold)
 * ({@code gold}, default = chosen) − mean log σ(β(log π(y⁺) − log π(y⁻))) (reference-free, one step).
 * IPA pairs: {@link #bestWorst} picks the best and worst of N sampled candidates by a reward model's scores.
 * TPO form: formula not verified against the paper: follows CATALOG.md. Defaults: mode dpo, β = 0.1.
 */
public final class PreferenceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L226", "Reference-anchored preference losses (DPO, TPO, OneRec IPA pairs)", "ranking", "T3",
            "Rafailov et al. 2023 DPO; Razin et al. 2024, Unintentional Unalignment: Likelihood Displacement in DPO; Saeidi et al. 2024, Triple Preference Optimization; Deng et al. 2025, OneRec",
            "DPO: -log sigmoid(beta[(log pi - log pi_ref)(y+) - (log pi - log pi_ref)(y-)])");
    public static final String CHOSEN = "chosen";
    public static final String REJECTED = "rejected";
    public static final String REF_CHOSEN = "ref_chosen";
    public static final String REF_REJECTED = "ref_rejected";
    public static final String GOLD = "gold";
    private final boolean tpo;
    private final double beta;

    public PreferenceLoss(boolean tpo, double beta) {
        this.tpo = tpo;
        this.beta = beta;
    }

    public static PreferenceLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "beta", "dtype"));
        String m = p.getString("mode", "dpo").toLowerCase(Locale.ROOT);
        if (!m.equals("dpo") && !m.equals("tpo")) throw new IllegalArgumentException("parameter 'mode' must be dpo or tpo, got '" + m + "'");
        return new PreferenceLoss(m.equals("tpo"), p.getPositive("beta", 0.1));
    }

    /** IPA pair selection: for each row of {@code rewards} (B x N), {best, worst} candidate indices (ties to the lower index). */
    public static int[][] bestWorst(double[][] rewards) {
        int[][] out = new int[rewards.length][2];
        for (int i = 0; i < rewards.length; i++) {
            if (rewards[i].length < 2) throw new IllegalArgumentException("L226: row " + i + " needs at least 2 sampled candidates");
            int best = 0, worst = 0;
            for (int j = 1; j < rewards[i].length; j++) {
                if (rewards[i][j] > rewards[i][best]) best = j;
                if (rewards[i][j] < rewards[i][worst]) worst = j;
            }
            out[i][0] = best;
            out[i][1] = worst;
        }
        return out;
    }

    private static Tensor vec(LossInputs in, String name, Tensor like) {
        Tensor t = in.get(name);
        if (!Shape.same(t.shape(), like.shape())) throw new IllegalArgumentException("L226: " + name + " must have shape " + Shape.str(like.shape()) + ", got " + Shape.str(t.shape()));
        return t;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor c = in.get(CHOSEN);
        if (c.rank() != 1 || c.dim(0) == 0) throw new IllegalArgumentException("L226: chosen must be a non-empty vector N, got " + Shape.str(c.shape()));
        Tensor r = vec(in, REJECTED, c);
        if (tpo) {
            Tensor gold = in.has(GOLD) ? vec(in, GOLD, c) : c;
            return gold.mean().neg().add(c.sub(r).mul(beta).neg().softplus().mean());
        }
        Tensor margin = c.sub(vec(in, REF_CHOSEN, c)).sub(r.sub(vec(in, REF_REJECTED, c)));
        return margin.mul(beta).neg().softplus().mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "dpo", "beta", "0.1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(CHOSEN, "N", "log pi (score) of the preferred candidate"), Input.floats(REJECTED, "N", "log pi (score) of the rejected candidate"),
                Input.floats(REF_CHOSEN, "N", "reference log pi of the preferred candidate (dpo)").asOptional(),
                Input.floats(REF_REJECTED, "N", "reference log pi of the rejected candidate (dpo)").asOptional(),
                Input.floats(GOLD, "N", "log pi of the gold response (tpo; default: chosen)").asOptional());
    }
}
