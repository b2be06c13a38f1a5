package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.classification.Cls;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L218 · Score-distribution soft labels + Thurstone fidelity loss (DeQA-Score) — You et al., <i>Teaching Large
 * Language Models to Regress Accurate Image Quality Scores using Score Distribution</i> (CVPR 2025). T3: the stand-in
 * is a small model with a K-level softmax head over graded relevance (orig. MLLM level-token probabilities).
 * Levels c_l ({@code centres}, default 1..K) with bins [c_l − ½, c_l + ½]; soft label from the ground-truth score
 * distribution N(μ, σ²) ({@code mos_mean}, {@code mos_std}, N each): q_l = Φ((c_l + ½ − μ)/σ) − Φ((c_l − ½ − μ)/σ),
 * renormalised over the levels; L_CE = −mean Σ_l q_l log p_l, p = softmax({@code logits}). Prediction μ̂ = Σ p_l c_l,
 * σ̂² = Σ p_l (c_l − μ̂)². Fidelity over all pairs i &lt; j of the batch (one dataset per batch):
 * P = Φ((μ_i − μ_j)/√(σ_i² + σ_j² + ε)), P̂ likewise from (μ̂, σ̂), L_fid = mean 1 − √(P·P̂ + ε) − √((1−P)(1−P̂) + ε);
 * L = L_CE + λ·L_fid. Φ is {@link NormalCdf} (erfc approximation, fractional error &lt; 1.2·10⁻⁷); ε = 10⁻⁸ keeps √
 * and the pair std away from 0.
 * Defaults: K from the logits (5 in the paper), λ = 1.
 */
public final class DeqaScoreLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L218", "Score-distribution soft labels + Thurstone fidelity loss (DeQA-Score)", "ranking", "T3",
            "You et al. 2025, Teaching Large Language Models to Regress Accurate Image Quality Scores using Score Distribution",
            "q_l = Phi((b_{l+1}-mu)/sigma) - Phi((b_l-mu)/sigma); L = CE(p, q) + lambda [1 - sqrt(P Phat) - sqrt((1-P)(1-Phat))]");
    public static final String MOS_MEAN = "mos_mean";
    public static final String MOS_STD = "mos_std";
    static final double EPS = 1e-8;
    private final double lambda;
    private final double[] centres;

    public DeqaScoreLoss(double lambda, double[] centres) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("L218: parameter 'lambda' must be >= 0, got " + lambda);
        this.lambda = lambda;
        this.centres = centres;
    }

    public static DeqaScoreLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "centres", "dtype"));
        return new DeqaScoreLoss(p.getDouble("lambda", 1), Cls.doubles(p, "centres"));
    }

    /** Soft labels N x K from μ, σ (renormalised bin masses). */
    public static Tensor softLabels(Tensor mu, Tensor sigma, double[] c) {
        int n = mu.dim(0), k = c.length;
        double[] lo = new double[k], hi = new double[k];
        for (int l = 0; l < k; l++) {
            lo[l] = c[l] - 0.5;
            hi[l] = c[l] + 0.5;
        }
        Tensor m = mu.reshape(n, 1), s = sigma.reshape(n, 1);
        Tensor mass = NormalCdf.cdf(Tensor.of(hi, 1, k).to(mu.dtype()).sub(m).div(s)).sub(NormalCdf.cdf(Tensor.of(lo, 1, k).to(mu.dtype()).sub(m).div(s)));
        return mass.div(mass.sum(new int[]{1}, true));
    }

    /** Thurstone preference probabilities P_ij = Φ((μ_i − μ_j)/√(σ_i² + σ_j² + ε)) for the pairs i &lt; j (flattened). */
    static Tensor pairProbs(Tensor mu, Tensor var, int[] is, int[] js) {
        Tensor d = mu.indexSelect(0, is).sub(mu.indexSelect(0, js));
        Tensor v = var.indexSelect(0, is).add(var.indexSelect(0, js)).add(EPS);
        return NormalCdf.cdf(d.div(v.sqrt()));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), k = z.dim(1);
        double[] c = centres;
        if (c == null) {
            c = new double[k];
            for (int l = 0; l < k; l++) c[l] = l + 1;
        } else if (c.length != k) {
            throw new IllegalArgumentException("L218: centres has " + c.length + " values but the logits have K = " + k + " levels");
        }
        Tensor mu = in.get(MOS_MEAN), sigma = in.get(MOS_STD);
        if (!Shape.same(mu.shape(), new int[]{n}) || !Shape.same(sigma.shape(), new int[]{n})) {
            throw new IllegalArgumentException("L218: mos_mean and mos_std must have shape N = " + n + ", got " + Shape.str(mu.shape()) + " and " + Shape.str(sigma.shape()));
        }
        for (double s : Lists.host(sigma)) if (!(s > 0)) throw new IllegalArgumentException("L218: mos_std must be > 0, got " + s);
        Tensor logp = z.logSoftmax(1), p = logp.exp();
        Tensor q = softLabels(mu, sigma, c);
        Tensor ce = q.mul(logp).sum(new int[]{1}, false).mean().neg();
        if (lambda == 0 || n < 2) return ce;
        Tensor ct = Tensor.of(c, 1, k).to(z.dtype());
        Tensor muHat = p.mul(ct).sum(new int[]{1}, false);
        Tensor dev = ct.sub(muHat.reshape(n, 1));
        Tensor varHat = p.mul(dev).mul(dev).sum(new int[]{1}, false);
        int pairs = n * (n - 1) / 2;
        int[] is = new int[pairs], js = new int[pairs];
        for (int i = 0, t = 0; i < n; i++) for (int j = i + 1; j < n; j++, t++) {
            is[t] = i;
            js[t] = j;
        }
        Tensor pp = pairProbs(mu, sigma.mul(sigma), is, js), ph = pairProbs(muHat, varHat, is, js);
        Tensor fid = pp.mul(ph).add(EPS).sqrt().add(pp.affine(-1, 1).mul(ph.affine(-1, 1)).add(EPS).sqrt()).affine(-1, 1).mean();
        return ce.add(fid.mul(lambda));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1", "centres", "1..K");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.floats(MOS_MEAN, "N", "ground-truth mean score mu"), Input.floats(MOS_STD, "N", "ground-truth score std sigma > 0"));
    }
}
