package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S306 · Deep adversarial metric learning, synthetic negative generator (Duan et al. 2018, <i>Deep Adversarial Metric
 * Learning</i>; PML {@code DeepAdversarialMetricLearning}). A generator G (learnable tensors: ReLU MLP
 * 3D → hidden → D) maps concat(a, p, n) to a synthetic negative ñ. Generator loss = w_adv·g_adv + w_hard·g_hard +
 * w_reg·g_reg: g_adv = L003 with negated margin and negated distance, mean [d(a,ñ) − d(a,p) − m]₊ (G makes ñ violate
 * the triplet); g_hard = MSE(normalize(ñ), normalize(a)); g_reg = MSE(normalize(ñ), normalize(n)). The metric side
 * trains on (a, p, ñ) with {@link #synthLoss} = mean [d(a,p) − d(a,ñ) + m]₊. d = Euclidean distance of
 * L2-normalised embeddings (x/√(‖x‖² + 1e-12)). Phases ({@link #phase}): metric-only epochs, then generator-only epochs, then both.
 * Defaults: hidden = 2D, m = 0.05, weights 1, metric_alone_epochs 0, g_alone_epochs 0 (PML g_triplets_per_anchor 100 is a miner setting: use S101 with k triplets per anchor).
 */
public final class AdversarialNegativeGenerator implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S306", "Deep adversarial metric learning (synthetic negative generator)", "mixing", "T1",
            "Duan et al. 2018, Deep Adversarial Metric Learning; PML DeepAdversarialMetricLearning",
            "ñ = G([a,p,n]); L_G = [d(a,ñ) − d(a,p) − m]₊ + MSE(ñ̂, â) + MSE(ñ̂, n̂); metric on (a,p,ñ)");

    public enum Phase { METRIC_ONLY, GENERATOR_ONLY, BOTH }

    private final int dim, hidden, metricAlone, gAlone;
    private final double margin, wAdv, wHard, wReg;
    private final Tensor w1, b1, w2, b2;

    public AdversarialNegativeGenerator(int dim, int hidden, double margin, double wAdv, double wHard, double wReg,
                                        int metricAloneEpochs, int gAloneEpochs, DType dtype, Rng rng) {
        if (dim < 1) throw new IllegalArgumentException("S306: parameter 'dim' must be >= 1, got " + dim);
        if (hidden < 1) throw new IllegalArgumentException("S306: parameter 'hidden' must be >= 1, got " + hidden);
        if (!(margin >= 0) || Double.isInfinite(margin)) throw new IllegalArgumentException("S306: parameter 'margin' must be >= 0, got " + margin);
        for (double w : new double[]{wAdv, wHard, wReg}) if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("S306: loss weights must be >= 0, got " + w);
        if (metricAloneEpochs < 0) throw new IllegalArgumentException("S306: parameter 'metric_alone_epochs' must be >= 0, got " + metricAloneEpochs);
        if (gAloneEpochs < 0) throw new IllegalArgumentException("S306: parameter 'g_alone_epochs' must be >= 0, got " + gAloneEpochs);
        this.dim = dim;
        this.hidden = hidden;
        this.margin = margin;
        this.wAdv = wAdv;
        this.wHard = wHard;
        this.wReg = wReg;
        this.metricAlone = metricAloneEpochs;
        this.gAlone = gAloneEpochs;
        w1 = Tensor.randn(dtype, rng, 3 * dim, hidden).mul(1 / Math.sqrt(3 * dim)).detach().requiresGrad(true);
        b1 = Tensor.zeros(dtype, hidden).requiresGrad(true);
        w2 = Tensor.randn(dtype, rng, hidden, dim).mul(1 / Math.sqrt(hidden)).detach().requiresGrad(true);
        b2 = Tensor.zeros(dtype, dim).requiresGrad(true);
    }

    public AdversarialNegativeGenerator(int dim, DType dtype, Rng rng) {
        this(dim, 2 * dim, 0.05, 1, 1, 1, 0, 0, dtype, rng);
    }

    /** Registry description. */
    public AdversarialNegativeGenerator() {
        this(1, DType.F32, new Rng(0));
    }

    public List<Tensor> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    public Phase phase(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("S306: parameter 'epoch' must be >= 0, got " + epoch);
        return epoch < metricAlone ? Phase.METRIC_ONLY : epoch < metricAlone + gAlone ? Phase.GENERATOR_ONLY : Phase.BOTH;
    }

    /** ñ = G(concat(a, p, n)), T x D. */
    public Tensor generate(Tensor a, Tensor p, Tensor n) {
        check(a, p, n);
        Tensor x = Tensor.concat(List.of(a, p, n), 1);
        return x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
    }

    /** The generator's loss for triplets (a, p, n); differentiable in the generator parameters and the inputs. */
    public Tensor generatorLoss(Tensor a, Tensor p, Tensor n) {
        Tensor syn = generate(a, p, n);
        Tensor an = unit(a), pn = unit(p), nn = unit(n), sn = unit(syn);
        Tensor adv = dist(an, sn).sub(dist(an, pn)).sub(margin).relu().mean();
        Tensor hard = sn.sub(an).square().mean();
        Tensor reg = sn.sub(nn).square().mean();
        return adv.mul(wAdv).add(hard.mul(wHard)).add(reg.mul(wReg));
    }

    /** Metric loss on (a, p, ñ): mean [d(a,p) − d(a,ñ) + m]₊ (pass ñ detached when only the embedder trains). */
    public Tensor synthLoss(Tensor a, Tensor p, Tensor synthetic) {
        check(a, p, synthetic);
        Tensor an = unit(a);
        return dist(an, unit(p)).sub(dist(an, unit(synthetic))).add(margin).relu().mean();
    }

    /** x/√(‖x‖² + 1e-12) per row (a generated row may be exactly zero when every hidden unit is off). */
    private static Tensor unit(Tensor x) {
        return x.div(x.square().sum(new int[]{1}, true).add(1e-12).sqrt());
    }

    private static Tensor dist(Tensor x, Tensor y) {
        return x.sub(y).square().sum(1).add(1e-12).sqrt();
    }

    private void check(Tensor a, Tensor p, Tensor n) {
        for (Tensor t : new Tensor[]{a, p, n}) {
            if (t.rank() != 2 || t.dim(1) != dim || t.dim(0) != a.dim(0)) {
                throw new IllegalArgumentException("S306: a, p, n must all be T x " + dim + ", got " + java.util.Arrays.toString(t.shape()));
            }
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", String.valueOf(hidden));
        m.put("margin", String.valueOf(margin));
        m.put("w_adv", String.valueOf(wAdv));
        m.put("w_hard", String.valueOf(wHard));
        m.put("w_reg", String.valueOf(wReg));
        m.put("metric_alone_epochs", String.valueOf(metricAlone));
        m.put("g_alone_epochs", String.valueOf(gAlone));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("a", "T x D", "anchors"), Input.floats("p", "T x D", "positives"), Input.floats("n", "T x D", "negatives"));
    }
}
