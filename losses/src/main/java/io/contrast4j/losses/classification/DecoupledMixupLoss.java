package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
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
 * L322 · Decoupled Mixup regulariser — Liu et al., <i>Harnessing Hard Mixed Samples with Decoupled Regularizer</i>
 * (NeurIPS 2023); mixing S302.
 * Logits z of a mixed sample of classes a ({@code targets}) and b ({@code targets_b}) with weight λ ({@code lambdas}, N):
 * L_MCE = −[λ log softmax(z)_a + (1−λ) log softmax(z)_b]; decoupled p_a = e^{z_a}/Σ_{c≠b} e^{z_c},
 * p_b = e^{z_b}/Σ_{c≠a} e^{z_c}; L_DM = −(log p_a + log p_b) (rows with a = b have no decoupled term);
 * L = mean (L_MCE + η·L_DM). Exact label weights of L_DM not verified against the paper (follows CATALOG.md).
 * Defaults: η = 0.1.
 */
public final class DecoupledMixupLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L322", "Decoupled Mixup regulariser", "classification", "T2",
            "Liu et al. 2023, Harnessing Hard Mixed Samples with Decoupled Regularizer",
            "L = MCE + eta [-(log e^{z_a}/sum_{c!=b} e^{z_c} + log e^{z_b}/sum_{c!=a} e^{z_c})]");
    public static final String TARGETS_B = "targets_b";
    public static final String LAMBDAS = "lambdas";
    private final double eta;

    public DecoupledMixupLoss(double eta) {
        if (!(eta >= 0)) throw new IllegalArgumentException("L322: parameter 'eta' must be >= 0, got " + eta);
        this.eta = eta;
    }

    public static DecoupledMixupLoss fromParams(Params p) {
        p.checkKnown(Set.of("eta", "dtype"));
        return new DecoupledMixupLoss(p.getDouble("eta", 0.1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        int[] ya = Cls.targets(INFO.id(), in, n, c);
        int[] yb = in.get(TARGETS_B).toIntArray();
        if (yb.length != n) throw new IllegalArgumentException("L322: targets_b must have length N = " + n + ", got " + yb.length);
        for (int i = 0; i < n; i++) if (yb[i] < 0 || yb[i] >= c) throw new IllegalArgumentException("L322: targets_b " + yb[i] + " at row " + i + " is outside [0, " + c + ")");
        Tensor lam = in.get(LAMBDAS);
        if (!Shape.same(lam.shape(), new int[]{n})) throw new IllegalArgumentException("L322: lambdas must have shape N = " + n + ", got " + Shape.str(lam.shape()));
        Tensor logp = z.logSoftmax(1);
        Tensor mce = Cls.pick(logp, ya).mul(lam).add(Cls.pick(logp, yb).mul(lam.affine(-1, 1))).neg();
        if (eta == 0) return mce.mean();
        double[] keep = new double[n];
        for (int i = 0; i < n; i++) keep[i] = ya[i] != yb[i] ? 1 : 0;
        Tensor ninf = Tensor.full(z.dtype(), Double.NEGATIVE_INFINITY);
        // p_a: drop class b from the denominator (and vice versa); rows with a = b are masked out afterwards
        Tensor withoutB = Tensor.where(Cls.oneHot(yb, c, z.dtype()), ninf, z);
        Tensor withoutA = Tensor.where(Cls.oneHot(ya, c, z.dtype()), ninf, z);
        Tensor za = Cls.pick(z, ya), zb = Cls.pick(z, yb);
        Tensor logPa = za.sub(withoutB.logsumexp(1)), logPb = zb.sub(withoutA.logsumexp(1));
        Tensor k = Tensor.of(keep, n).to(z.dtype());
        Tensor dm = Tensor.where(k, logPa.add(logPb), Tensor.zeros(z.dtype())).neg();
        return mce.add(dm.mul(eta)).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("eta", "0.1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Input.ints(Cls.TARGETS, "N", "class a of each mixed sample"), Input.ints(TARGETS_B, "N", "class b of each mixed sample"),
                Input.floats(LAMBDAS, "N", "mixing weight lambda of class a"));
    }
}
