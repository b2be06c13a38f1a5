package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L214 · Plackett–Luce policy gradient (Neural PG-Rank) — Gao et al., <i>Policy-Gradient Training of Language Models
 * for Ranking</i> (2023).
 * Policy π(r | q) = Π_t e^{s_{r_t}/τ} / Σ_{u ∉ r_{&lt;t}} e^{s_u/τ} over the C candidates of a row of {@code scores};
 * R rankings per query are drawn by Gumbel-perturbed sort (argsort of s/τ + G, G ~ Gumbel(0, 1), in float64 — E22) or
 * given as {@code rankings} (B x R x C, I32, frozen); utility U(r) = nDCG@k of the ranking under {@code labels}
 * (gain 2^y − 1); baseline b = leave-one-out mean of U over the other R − 1 samples. The returned surrogate
 * L = −mean_{q, r} (U(r) − b_r)·log π(r | q) has gradient −E[(U − b)∇log π] (REINFORCE). log π uses a reverse
 * cumulative log-sum-exp. All C slots are real candidates (no padding). Warm-start from L101.
 * Defaults: R = 8 samples, τ = 1, k = 10, seed 0 (the sampling stream advances per call).
 */
public final class PgRankLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L214", "Plackett-Luce policy gradient (Neural PG-Rank)", "ranking", "T2",
            "Gao et al. 2023, Policy-Gradient Training of Language Models for Ranking",
            "L = -mean (U(r) - b) log pi(r|q), pi Plackett-Luce over s/tau, r ~ Gumbel sort, U = nDCG@k");
    public static final String RANKINGS = "rankings";
    private final int samples, k;
    private final double tau;
    private final Rng rng;

    public PgRankLoss(int samples, double tau, int k, long seed) {
        if (samples < 2) throw new IllegalArgumentException("L214: parameter 'samples' must be >= 2 (leave-one-out baseline), got " + samples);
        if (!(tau > 0)) throw new IllegalArgumentException("L214: parameter 'temperature' must be > 0, got " + tau);
        this.samples = samples;
        this.tau = tau;
        this.k = k;
        this.rng = new Rng(seed);
    }

    public static PgRankLoss fromParams(Params p) {
        p.checkKnown(Set.of("samples", "temperature", "k", "seed", "dtype"));
        return new PgRankLoss(p.getInt("samples", 8), p.getPositive("temperature", 1), p.getInt("k", 10), p.getInt("seed", 0));
    }

    /** R Gumbel-perturbed argsorts (descending) per row of scores/τ: B x R x C indices. */
    public static Tensor sampleRankings(double[] scores, int b, int c, int r, double tau, Rng rng) {
        int[] out = new int[b * r * c];
        for (int q = 0; q < b; q++)
            for (int t = 0; t < r; t++) {
                double[] key = new double[c];
                for (int j = 0; j < c; j++) {
                    double u = Math.max(rng.nextDouble(), Double.MIN_VALUE);
                    key[j] = scores[q * c + j] / tau - Math.log(-Math.log(u));
                }
                Integer[] idx = new Integer[c];
                for (int j = 0; j < c; j++) idx[j] = j;
                Arrays.sort(idx, (x, y) -> Double.compare(key[y], key[x]));
                for (int j = 0; j < c; j++) out[(q * r + t) * c + j] = idx[j];
            }
        return Tensor.ofInts(out, b, r, c);
    }

    /** nDCG@k of one ranking (indices into the row) under gains g. */
    static double ndcg(int[] ranking, double[] g, int k) {
        int n = g.length, kk = k <= 0 ? n : Math.min(k, n);
        double[] sorted = g.clone();
        Arrays.sort(sorted);
        double dcg = 0, idcg = 0;
        for (int j = 0; j < kk; j++) {
            double d = Math.log(2) / Math.log(j + 2);
            dcg += g[ranking[j]] * d;
            idcg += sorted[n - 1 - j] * d;
        }
        return idcg > 0 ? dcg / idcg : 0;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = in.get(Lists.LABELS);
        if (!Shape.same(y.shape(), s.shape())) throw new IllegalArgumentException("L214: labels must be " + Shape.str(s.shape()) + " like the scores, got " + Shape.str(y.shape()));
        int b = s.dim(0), c = s.dim(1);
        double[] yh = Lists.host(y);
        Tensor rk;
        if (in.has(RANKINGS)) {
            rk = in.get(RANKINGS);
            if (rk.rank() != 3 || rk.dim(0) != b || rk.dim(2) != c || rk.dim(1) < 2) throw new IllegalArgumentException("L214: rankings must be B x R x C = " + b + " x R x " + c + " with R >= 2, got " + Shape.str(rk.shape()));
        } else {
            rk = sampleRankings(Lists.host(s), b, c, samples, tau, rng);
        }
        int r = rk.dim(1);
        int[] perm = rk.toIntArray();
        double[] adv = new double[b * r];
        for (int q = 0; q < b; q++) {
            double[] g = new double[c];
            for (int j = 0; j < c; j++) g[j] = Math.pow(2, Math.max(yh[q * c + j], 0)) - 1;
            double[] u = new double[r];
            double sum = 0;
            for (int t = 0; t < r; t++) {
                boolean[] seen = new boolean[c];
                int[] one = Arrays.copyOfRange(perm, (q * r + t) * c, (q * r + t + 1) * c);
                for (int x : one) {
                    if (x < 0 || x >= c || seen[x]) throw new IllegalArgumentException("L214: rankings row (" + q + ", " + t + ") is not a permutation of 0.." + (c - 1));
                    seen[x] = true;
                }
                u[t] = ndcg(one, g, k);
                sum += u[t];
            }
            for (int t = 0; t < r; t++) adv[q * r + t] = u[t] - (sum - u[t]) / (r - 1);
        }
        // ordered scores B x R x C, then log π = Σ_t (x_t − LSE_{u ≥ t} x_u)
        Tensor x = s.div(tau).unsqueeze(1).broadcastTo(b, r, c).gather(2, rk);
        List<Tensor> terms = new ArrayList<>();
        for (int t = 0; t < c - 1; t++) terms.add(x.slice(2, t, t + 1).reshape(b, r).sub(x.slice(2, t, c).logsumexp(2)));
        Tensor logPi = terms.isEmpty() ? x.sum(new int[]{2}, false).mul(0.0) : Tensor.stack(terms, 2).sum(new int[]{2}, false);
        return logPi.mul(Tensor.of(adv, b, r).to(s.dtype())).mean().neg();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("samples", "8", "temperature", "1", "k", "10", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Input.ints(Lists.LABELS, "B x C", "graded relevance >= 0 (a reward: no gradient; floats accepted)"),
                Input.ints(RANKINGS, "B x R x C", "sampled rankings (frozen); drawn by Gumbel sort when absent").asOptional());
    }
}
