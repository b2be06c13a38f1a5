package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
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
 * L106 · SigLIP pairwise sigmoid loss — Zhai et al., <i>Sigmoid Loss for Language Image Pre-Training</i> (ICCV 2023).
 * L = −(1/B) Σ_i Σ_j log σ(z_ij·(t·⟨x̂_i, ŷ_j⟩ + b)), z_ii = +1, z_ij = −1 otherwise, t = e^{t'}; x̂, ŷ normalised.
 * Defaults: t'₀ = log 10, b₀ = −10, both learnable ({@link #parameters()}: [t', b]); {@code learnable=false} fixes them.
 */
public final class SigLipLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L106", "SigLIP pairwise sigmoid loss", "contrastive", "T1",
            "Zhai et al. 2023, Sigmoid Loss for Language Image Pre-Training",
            "L = −(1/B) Σ_ij log σ(z_ij (e^{t'} ⟨x_i, y_j⟩ + b))");
    private final Tensor logT, bias;

    public SigLipLoss(double logT0, double b0, boolean learnable, DType dtype) {
        this.logT = Tensor.scalar(logT0, dtype).requiresGrad(learnable).label("siglip_log_t");
        this.bias = Tensor.scalar(b0, dtype).requiresGrad(learnable).label("siglip_bias");
    }

    public static SigLipLoss fromParams(Params p) {
        p.checkKnown(Set.of("log_t", "bias", "learnable", "dtype"));
        return new SigLipLoss(p.getDouble("log_t", Math.log(10)), p.getDouble("bias", -10), p.getBoolean("learnable", true), InfoNce.dtype(p));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, p, null);
        int b = a.dim(0);
        Tensor t = (logT.dtype() == a.dtype() ? logT : logT.to(a.dtype())).exp();
        Tensor bb = bias.dtype() == a.dtype() ? bias : bias.to(a.dtype());
        Tensor logits = Similarity.COS.matrix(a, p).mul(t).add(bb);
        double[] z = new double[b * b];
        for (int i = 0; i < b; i++) for (int j = 0; j < b; j++) z[i * b + j] = i == j ? 1 : -1;
        Tensor zt = Tensor.of(z, b, b).to(a.dtype());
        // −log σ(x) = softplus(−x)
        return logits.mul(zt).neg().softplus().sum().div(b);
    }

    @Override
    public List<Tensor> parameters() {
        return logT.requiresGrad() ? List.of(logT, bias) : List.of();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("log_t", "log 10", "bias", "-10", "learnable", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "first tower (e.g. image) embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "second tower (e.g. text) embeddings, row-aligned"));
    }
}
