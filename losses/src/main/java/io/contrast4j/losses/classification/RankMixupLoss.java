package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L323 · RankMixup (MRL, M-NDCG) — Noh et al., <i>RankMixup: Ranking-Based Mixup Training for Network Calibration</i>
 * (ICCV 2023); read at the official code ({@code RankMixup_MRL}, {@code RankMixup_MNDCG}); mixing S302, metric M13.
 * L = CE({@code logits}, {@code targets}) + α·L_mix.
 * MRL ({@code mixed_logits} N x C, row n mixed from raw row n): L_mix = mean_n m_n·[max_k z̃_nk − max_k z_nk + margin]₊
 * on logits (official default; {@code on=confidence} uses max softmax probabilities), m_n = 0 for trivial mixes
 * (λ_n = 1 in {@code lambdas}, N, optional).
 * M-NDCG ({@code mixed_group_logits} N x J x C, {@code group_lambdas} N x J = the dominant mixing coefficient of each mixed copy):
 * confidences c = [max p_n, max p̃_{n,π(1)}, …] with π sorting λ descending (frozen), relevances [1, λ_π(1), …];
 * DCG = Σ_r c_r / log₂(r + 1), IDCG = Σ_r rel_r / log₂(r + 1), NDCG = DCG/IDCG if IDCG &gt; DCG else IDCG/DCG;
 * L_mix = mean_n (1 − NDCG_n).
 * Defaults (official code): mode mrl, α = 0.1, margin = 0.1, on logits.
 */
public final class RankMixupLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L323", "RankMixup (MRL, M-NDCG)", "classification", "T2",
            "Noh et al. 2023, RankMixup: Ranking-Based Mixup Training for Network Calibration",
            "L = CE + alpha [max z_mix - max z + m]_+  or  CE + alpha (1 - NDCG(confidences; relevance = lambda))");
    public static final String MIXED_LOGITS = "mixed_logits";
    public static final String LAMBDAS = "lambdas";
    public static final String GROUP_LOGITS = "mixed_group_logits";
    public static final String GROUP_LAMBDAS = "group_lambdas";
    private final boolean ndcg, onConfidence;
    private final double alpha, margin;

    public RankMixupLoss(boolean ndcg, double alpha, double margin, boolean onConfidence) {
        if (!(alpha >= 0)) throw new IllegalArgumentException("L323: parameter 'alpha' must be >= 0, got " + alpha);
        this.ndcg = ndcg;
        this.alpha = alpha;
        this.margin = margin;
        this.onConfidence = onConfidence;
    }

    public static RankMixupLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "alpha", "margin", "on", "dtype"));
        String m = p.getString("mode", "mrl").toLowerCase(Locale.ROOT);
        if (!m.equals("mrl") && !m.equals("mndcg")) throw new IllegalArgumentException("parameter 'mode' must be mrl or mndcg, got '" + m + "'");
        String on = p.getString("on", "logit").toLowerCase(Locale.ROOT);
        if (!on.equals("logit") && !on.equals("confidence")) throw new IllegalArgumentException("parameter 'on' must be logit or confidence, got '" + on + "'");
        return new RankMixupLoss(m.equals("mndcg"), p.getDouble("alpha", 0.1), p.getDouble("margin", 0.1), on.equals("confidence"));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        int[] y = Cls.targets(INFO.id(), in, n, c);
        Tensor logp = z.logSoftmax(1);
        Tensor ce = Cls.pick(logp, y).mean().neg();
        if (!ndcg) {
            Tensor mz = in.get(MIXED_LOGITS);
            if (!Shape.same(mz.shape(), z.shape())) throw new IllegalArgumentException("L323: mixed_logits must be " + Shape.str(z.shape()) + " in mode mrl, got " + Shape.str(mz.shape()));
            double[] keep = new double[n];
            Arrays.fill(keep, 1);
            if (in.has(LAMBDAS)) {
                double[] lam = io.contrast4j.losses.ranking.Lists.host(in.get(LAMBDAS));
                if (lam.length != n) throw new IllegalArgumentException("L323: lambdas must have N = " + n + " entries in mode mrl, got " + lam.length);
                for (int i = 0; i < n; i++) keep[i] = lam[i] == 1.0 || lam[i] == 0.0 ? 0 : 1;
            }
            Tensor a = onConfidence ? z.softmax(1) : z, b = onConfidence ? mz.softmax(1) : mz;
            Tensor diff = b.max(new int[]{1}, false).sub(a.max(new int[]{1}, false)).add(margin).relu();
            return ce.add(diff.mul(Tensor.of(keep, n).to(z.dtype())).mean().mul(alpha));
        }
        Tensor mz = in.get(GROUP_LOGITS);
        if (mz.rank() != 3 || mz.dim(0) != n || mz.dim(2) != c) throw new IllegalArgumentException("L323: mixed_group_logits must be N x J x C = " + n + " x J x " + c + " in mode mndcg, got " + Shape.str(mz.shape()));
        int j = mz.dim(1);
        Tensor lamT = in.get(GROUP_LAMBDAS);
        if (!Shape.same(lamT.shape(), new int[]{n, j})) throw new IllegalArgumentException("L323: group_lambdas must be N x J = " + n + " x " + j + " in mode mndcg, got " + Shape.str(lamT.shape()));
        double[] lam = io.contrast4j.losses.ranking.Lists.host(lamT);
        int[] order = new int[n * j];
        for (int i = 0; i < n; i++) {
            Integer[] idx = new Integer[j];
            for (int t = 0; t < j; t++) idx[t] = t;
            final int row = i;
            Arrays.sort(idx, (u, v) -> Double.compare(lam[row * j + v], lam[row * j + u]));
            for (int t = 0; t < j; t++) order[i * j + t] = idx[t];
        }
        Tensor ord = Tensor.ofInts(order, n, j);
        Tensor confRaw = z.softmax(1).max(new int[]{1}, true); // N x 1
        Tensor confMix = mz.softmax(2).max(new int[]{2}, false).gather(1, ord); // N x J
        Tensor rel = Tensor.concat(List.of(Tensor.ones(z.dtype(), n, 1), lamT.gather(1, ord)), 1);
        double[] disc = new double[j + 1];
        for (int r = 0; r <= j; r++) disc[r] = 1 / (Math.log(r + 2) / Math.log(2));
        Tensor d = Tensor.of(disc, 1, j + 1).to(z.dtype());
        Tensor dcg = Tensor.concat(List.of(confRaw, confMix), 1).mul(d).sum(new int[]{1}, false);
        Tensor idcg = rel.mul(d).sum(new int[]{1}, false);
        Tensor nd = Tensor.where(idcg.gt(dcg), dcg.div(idcg), idcg.div(dcg));
        return ce.add(nd.affine(-1, 1).mean().mul(alpha));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "mrl", "alpha", "0.1", "margin", "0.1", "on", "logit");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput(),
                Input.floats(MIXED_LOGITS, "N x C", "mrl: logits of the sample mixed from each raw row").asOptional(),
                Input.floats(LAMBDAS, "N", "mrl: mixing coefficient of each mixed sample (1 or 0 = trivial mix, skipped)").asOptional(),
                Input.floats(GROUP_LOGITS, "N x J x C", "mndcg: logits of J mixed copies per raw row").asOptional(),
                Input.floats(GROUP_LAMBDAS, "N x J", "mndcg: dominant mixing coefficient of each copy").asOptional());
    }
}
