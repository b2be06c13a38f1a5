package io.contrast4j.losses.ranking;

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
 * L217 · Constraint alignment loss (AFT) — Wang et al., <i>Making Large Language Models Better Reasoners with
 * Alignment</i> (2023). T3: the original scores are length-normalised LLM log-likelihoods of sampled chains of
 * thought; the stand-in is any small encoder/ranker's candidate scores.
 * Per row of {@code scores} (B x C) with {@code labels} (&gt; 0.5 positive, else negative; ≤ −0.5 or mask 0 padding):
 * L_align = log(1 + Σ_{p∈P} Σ_{n∈N} e^{s_n − s_p}); L_cons = Σ_{n∈N} [B − s_n]₊ with B = sg(min_p s_p) − γ;
 * L = mean over rows with both a positive and a negative of (L_align + L_cons).
 * Formula not verified against the paper: follows CATALOG.md.
 * Defaults: γ = 1.
 */
public final class AftLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L217", "Constraint alignment loss (AFT)", "ranking", "T3",
            "Wang et al. 2023, Making Large Language Models Better Reasoners with Alignment",
            "L = log(1 + sum_{p,n} e^{s_n - s_p}) + sum_n [sg(min_p s_p) - gamma - s_n]_+");
    private final double gamma;

    public AftLoss(double gamma) {
        this.gamma = gamma;
    }

    public static AftLoss fromParams(Params p) {
        p.checkKnown(Set.of("gamma", "dtype"));
        return new AftLoss(p.getDouble("gamma", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
        boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
        double[] yh = Lists.host(y);
        int b = s.dim(0), c = s.dim(1);
        Tensor total = null;
        int rows = 0;
        for (int i = 0; i < b; i++) {
            int[] pos = new int[c], neg = new int[c];
            int np = 0, nn = 0;
            for (int j = 0; j < c; j++) {
                if (!valid[i][j]) continue;
                if (yh[i * c + j] > 0.5) pos[np++] = j;
                else neg[nn++] = j;
            }
            if (np == 0 || nn == 0) continue;
            Tensor row = s.slice(0, i, i + 1).reshape(c);
            Tensor sp = row.indexSelect(0, java.util.Arrays.copyOf(pos, np)), sn = row.indexSelect(0, java.util.Arrays.copyOf(neg, nn));
            Tensor diff = sn.reshape(1, nn).sub(sp.reshape(np, 1)).reshape(np * nn);
            Tensor align = Tensor.concat(List.of(diff, Tensor.zeros(s.dtype(), 1)), 0).logsumexp(0);
            Tensor bound = sp.detach().min().sub(gamma);
            Tensor cons = bound.sub(sn).relu().sum();
            Tensor l = align.add(cons);
            total = total == null ? l : total.add(l);
            rows++;
        }
        return total == null ? LossInputs.zeroLoss(s) : total.div(rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Input.floats(Lists.LABELS, "B x C", "1 positive / 0 negative; <= -0.5 = padding"), Lists.maskInput());
    }
}
