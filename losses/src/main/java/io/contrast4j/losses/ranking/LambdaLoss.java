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
 * L207 · LambdaLoss family (metric-weighted pairwise logistic loss) — Wang et al., <i>The LambdaLoss Framework for
 * Ranking Metric Optimization</i> (CIKM 2018); ST-CE {@code LambdaLoss} (ported from allRank); ADORE/JPQ ΔMRR weights
 * (Zhan et al., DRhard); FIRST weights (Reddy et al., <i>FIRST: Faster Improved Listwise Reranking with Single Token
 * Decoding</i>).
 * Candidates are sorted by predicted score (padded last); G_r = (2^{y_r} − 1)/maxDCG@k, D_r = log₂(1+r) (r 1-based);
 * L = −mean_{valid (i,j), i,j ≤ k} w_ij·log₂ σ(σ_s(s_i − s_j)). Schemes: {@code none} (w = 1: RankNet, L206),
 * {@code ndcg1} (G_i/D_i, all non-padded pairs — no y_i &gt; y_j filter, as ST), {@code ndcg2}
 * (|1/D_{|i−j|} − 1/D_{|i−j|+1}|·|G_i − G_j|), {@code lambdarank} (|1/D_i − 1/D_j|·|G_i − G_j|), {@code ndcg2pp}
 * (μ·ndcg2 + lambdarank, default); {@code mrr} (ADORE/JPQ: |1/r_i − 1/r_j|, 1/r = 0 beyond {@code metric_cut}, natural
 * log); {@code first} (w = 1/(i+j) with i, j the 1-based positions in the label order, natural log — FIRST scheme, T2,
 * formula not verified against the paper: follows CATALOG.md). Every scheme but ndcg1 uses only pairs with y_i &gt; y_j.
 * log σ is computed as −softplus(−x) (ST clamps σ at 1e-10 instead; identical unless σ &lt; 1e-10).
 * The sort permutation and rank-based weights are piecewise constant (no gradient through them).
 * Defaults (ST): scheme ndcg2pp, μ = 10, σ_s = 1, k = all, log base 2; metric_cut 10.
 */
public final class LambdaLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L207", "LambdaLoss family (metric-weighted pairwise)", "ranking", "T1",
            "Wang et al. 2018, The LambdaLoss Framework for Ranking Metric Optimization; ST-CE LambdaLoss; ADORE/JPQ; FIRST",
            "L = -mean_{y_i > y_j} w_ij log2 sigmoid(sigma (s_i - s_j))");
    public enum Scheme { NONE, NDCG1, NDCG2, LAMBDARANK, NDCG2PP, MRR, FIRST }

    private final CatalogInfo info;
    private final Scheme scheme;
    private final int k;
    private final double sigma, mu;
    private final boolean naturalLog;
    private final int metricCut;

    public LambdaLoss(Scheme scheme, int k, double sigma, double mu, Boolean naturalLog, int metricCut) {
        this(INFO, scheme, k, sigma, mu, naturalLog, metricCut);
    }

    LambdaLoss(CatalogInfo info, Scheme scheme, int k, double sigma, double mu, Boolean naturalLog, int metricCut) {
        if (k == 0 || k < -1) throw new IllegalArgumentException(info.id() + ": parameter 'k' must be >= 1 (or -1 for all), got " + k);
        if (!(sigma > 0)) throw new IllegalArgumentException(info.id() + ": parameter 'sigma' must be > 0, got " + sigma);
        if (metricCut < 1) throw new IllegalArgumentException(info.id() + ": parameter 'metric_cut' must be >= 1, got " + metricCut);
        this.info = info;
        this.scheme = scheme;
        this.k = k;
        this.sigma = sigma;
        this.mu = mu;
        this.naturalLog = naturalLog != null ? naturalLog : (scheme == Scheme.MRR || scheme == Scheme.FIRST);
        this.metricCut = metricCut;
    }

    public static LambdaLoss fromParams(Params p) {
        p.checkKnown(Set.of("scheme", "k", "sigma", "mu", "natural_log", "metric_cut", "dtype"));
        Scheme s;
        try {
            s = Scheme.valueOf(p.getString("scheme", "ndcg2pp").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'scheme' must be none, ndcg1, ndcg2, lambdarank, ndcg2pp, mrr or first; got '" + p.getString("scheme", "") + "'");
        }
        return new LambdaLoss(s, p.getInt("k", -1), p.getDouble("sigma", 1), p.getDouble("mu", 10),
                p.has("natural_log") ? p.getBoolean("natural_log", false) : null, p.getInt("metric_cut", 10));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** (2^y − 1) on the graph. */
    static Tensor gain(Tensor y) {
        return y.mul(Math.log(2)).exp().sub(1);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(info.id(), inputs());
        Tensor s = Lists.scores(info.id(), in);
        Tensor y = Lists.like(info.id(), in, Lists.LABELS, s);
        boolean[][] valid = Lists.valid(info.id(), in, s, y);
        int b = s.dim(0), c = s.dim(1), kk = k < 0 ? c : Math.min(k, c);
        double[] sh = Lists.host(s), yh = Lists.host(y);
        int[] byPred = Lists.orderDesc(sh, valid), byLabel = Lists.orderDesc(yh, valid);
        Tensor sP = Lists.permute(s, byPred), yP = Lists.permute(y, byPred);

        // constant pair mask: both real, both within the top k of the predicted order, y_i > y_j (not for ndcg1)
        double[] pm = new double[b * c * c];
        int pairs = 0;
        for (int q = 0; q < b; q++) {
            for (int i = 0; i < kk; i++) {
                int di = byPred[q * c + i];
                if (!valid[q][di]) continue;
                for (int j = 0; j < kk; j++) {
                    int dj = byPred[q * c + j];
                    if (!valid[q][dj]) continue;
                    if (scheme != Scheme.NDCG1 && !(yh[q * c + di] > yh[q * c + dj])) continue;
                    pm[(q * c + i) * c + j] = 1;
                    pairs++;
                }
            }
        }
        if (pairs == 0) return LossInputs.zeroLoss(s);
        Tensor w = weights(y, yP, valid, byPred, byLabel, yh, b, c, kk);
        Tensor diff = sP.unsqueeze(2).sub(sP.unsqueeze(1)).mul(sigma);
        Tensor logSig = diff.neg().softplus().neg();
        if (!naturalLog) logSig = logSig.div(Math.log(2));
        Tensor terms = logSig.mul(Tensor.of(pm, b, c, c).to(s.dtype()));
        if (w != null) terms = terms.mul(w);
        return terms.sum().div(-pairs);
    }

    /** B x C x C weights in the predicted order (null for w = 1). */
    private Tensor weights(Tensor y, Tensor yP, boolean[][] valid, int[] byPred, int[] byLabel, double[] yh, int b, int c, int kk) {
        double[] invD = new double[c];
        for (int r = 0; r < c; r++) invD[r] = 1 / log2(r + 2);
        switch (scheme) {
            case NONE:
                return null;
            case MRR: {
                double[] w = new double[b * c * c];
                for (int q = 0; q < b; q++)
                    for (int i = 0; i < c; i++)
                        for (int j = 0; j < c; j++) {
                            double ri = i + 1 <= metricCut ? 1.0 / (i + 1) : 0, rj = j + 1 <= metricCut ? 1.0 / (j + 1) : 0;
                            w[(q * c + i) * c + j] = Math.abs(ri - rj);
                        }
                return Tensor.of(w, b, c, c).to(y.dtype());
            }
            case FIRST: {
                double[] w = new double[b * c * c];
                for (int q = 0; q < b; q++) {
                    int[] labelPos = new int[c];
                    for (int r = 0; r < c; r++) labelPos[byLabel[q * c + r]] = r + 1;
                    for (int i = 0; i < c; i++)
                        for (int j = 0; j < c; j++) {
                            int pi = labelPos[byPred[q * c + i]], pj = labelPos[byPred[q * c + j]];
                            w[(q * c + i) * c + j] = 1.0 / (pi + pj);
                        }
                }
                return Tensor.of(w, b, c, c).to(y.dtype());
            }
            default:
        }
        // gains on the graph: G = (2^y − 1)/maxDCG@k, zero for padding
        Tensor validP = Lists.validTensor(valid, byPred, y), validL = Lists.validTensor(valid, byLabel, y);
        double[] dk = new double[c];
        for (int r = 0; r < c; r++) dk[r] = r < kk ? invD[r] : 0;
        Tensor ideal = gain(Lists.permute(y, byLabel)).mul(validL).mul(Tensor.of(dk, 1, c).to(y.dtype()));
        Tensor maxDcg = ideal.sum(new int[]{1}, true).clampMin(1e-10);
        Tensor g = gain(yP).mul(validP).div(maxDcg); // B x C
        Tensor invDt = Tensor.of(invD, 1, c).to(y.dtype());
        Tensor absG = g.unsqueeze(2).sub(g.unsqueeze(1)).abs();
        Tensor lambdaRank = null, ndcg2 = null;
        if (scheme == Scheme.LAMBDARANK || scheme == Scheme.NDCG2PP) {
            double[] d = new double[c * c];
            for (int i = 0; i < c; i++) for (int j = 0; j < c; j++) d[i * c + j] = Math.abs(invD[i] - invD[j]);
            lambdaRank = absG.mul(Tensor.of(d, 1, c, c).to(y.dtype()));
        }
        if (scheme == Scheme.NDCG2 || scheme == Scheme.NDCG2PP) {
            double[] d = new double[c * c];
            for (int i = 0; i < c; i++)
                for (int j = 0; j < c; j++) {
                    int delta = Math.abs(i - j);
                    d[i * c + j] = delta == 0 ? 0 : Math.abs(1 / log2(delta + 1) - 1 / log2(delta + 2));
                }
            ndcg2 = absG.mul(Tensor.of(d, 1, c, c).to(y.dtype()));
        }
        return switch (scheme) {
            case NDCG1 -> g.mul(invDt).unsqueeze(2);
            case NDCG2 -> ndcg2;
            case LAMBDARANK -> lambdaRank;
            case NDCG2PP -> ndcg2.mul(mu).add(lambdaRank);
            default -> throw new IllegalStateException();
        };
    }

    @Override
    public CatalogInfo info() {
        return info;
    }

    @Override
    public Map<String, String> defaults() {
        return info == INFO ? Map.of("scheme", "ndcg2pp", "mu", "10", "sigma", "1", "k", "all", "natural_log", "false", "metric_cut", "10")
                : Map.of("sigma", "1", "k", "all", "natural_log", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Lists.labelsInput(), Lists.maskInput());
    }
}
