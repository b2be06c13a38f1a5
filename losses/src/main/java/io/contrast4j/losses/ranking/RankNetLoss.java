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
 * L206 · RankNet / pairwise logistic loss — Burges et al., <i>Learning to Rank using Gradient Descent</i> (ICML 2005);
 * ST-CE {@code RankNetLoss}; STAR (Zhan et al., <i>Optimizing Dense Retrieval Model Training with Hard Negatives</i>).
 * Over pairs (i, j) of real candidates of a query with y_i &gt; y_j (within the predicted top k when set):
 * L = −mean log₂ σ(σ_s(s_i − s_j)) ({@code natural_log=true}: natural log). STAR's (q, d⁺, d⁻) form is the same loss on
 * a score row [s⁺, s⁻₁, …] with labels [1, 0, …] (other positives masked via label −1 or {@code mask}). This is
 * {@link LambdaLoss} with the {@code none} weighting scheme. Defaults (ST): σ_s = 1, log base 2, k = all.
 */
public final class RankNetLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L206", "RankNet / pairwise logistic loss", "ranking", "T1",
            "Burges et al. 2005, Learning to Rank using Gradient Descent; ST-CE RankNetLoss; STAR (DRhard)",
            "L = -mean_{y_i > y_j} log2 sigmoid(sigma (s_i - s_j))");
    private final LambdaLoss impl;

    public RankNetLoss(int k, double sigma, boolean naturalLog) {
        this.impl = new LambdaLoss(INFO, LambdaLoss.Scheme.NONE, k, sigma, 0, naturalLog, 10);
    }

    public static RankNetLoss fromParams(Params p) {
        p.checkKnown(Set.of("k", "sigma", "natural_log", "dtype"));
        return new RankNetLoss(p.getInt("k", -1), p.getDouble("sigma", 1), p.getBoolean("natural_log", false));
    }

    @Override
    public Tensor compute(LossInputs in) {
        return impl.compute(in);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("sigma", "1", "k", "all", "natural_log", "false");
    }

    @Override
    public List<Input> inputs() {
        return impl.inputs();
    }
}
