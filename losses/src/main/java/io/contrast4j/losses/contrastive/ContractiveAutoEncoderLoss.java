package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L135 · Contractive / denoising auto-encoder criterion — Alain &amp; Bengio, <i>What Regularized Auto-Encoders Learn
 * from the Data Generating Distribution</i> (JMLR 2014); the contractive penalty of Rifai et al. (ICML 2011).
 * The auto-encoder is kept inside the loss as learnable parameters: a one-layer sigmoid encoder h = σ(xW + b)
 * (W: D x H) and a linear decoder r(x) = hV + c (V: H x D). With x the rows of {@code embeddings} (N x D):
 * contractive ({@code mode=contractive}): L = mean_i ‖r(x_i) − x_i‖² + λ·mean_i ‖∂h/∂x (x_i)‖_F², using the closed form
 * ‖J_h‖_F² = Σ_j (h_j(1 − h_j))² Σ_i W_ij² (no double backward needed);
 * denoising ({@code mode=denoising}): L = mean_i ‖r(x_i + σε_i) − x_i‖², ε ~ N(0, I) from the optional {@code noise}
 * input (frozen draws) or the loss's seeded generator. The catalog's σ²‖∂r/∂x‖_F² (reconstruction Jacobian, which
 * would need double backward) is taken as the CAE's encoder-Jacobian penalty in closed form, weighted by λ.
 * r(x) − x ≈ σ²∇log p(x) for small noise. Formula follows CATALOG.md and the CAE closed form (not re-checked against the paper).
 * Defaults: mode = contractive, λ = 0.1, σ = 0.1, init U(±1/√fan_in) from {@code seed}.
 */
public final class ContractiveAutoEncoderLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L135", "Contractive / denoising auto-encoder criterion", "contrastive", "T2",
            "Alain & Bengio 2014, What Regularized Auto-Encoders Learn from the Data Generating Distribution; Rifai et al. 2011 (CAE)",
            "CAE: ‖r(x) − x‖² + λ Σ_j (h_j(1−h_j))² Σ_i W_ij²; DAE: ‖r(x + σε) − x‖²");
    public static final String NOISE = "noise";
    private final int dim, hidden;
    private final double lambda, sigma;
    private final boolean denoising;
    private final Tensor w, b, v, c;
    private final Rng rng;

    public ContractiveAutoEncoderLoss(int dim, int hidden, boolean denoising, double lambda, double sigma, long seed, DType dtype) {
        if (dim < 1 || hidden < 1) throw new IllegalArgumentException("parameters 'dim' and 'hidden' must be >= 1, got " + dim + ", " + hidden);
        if (!(lambda >= 0)) throw new IllegalArgumentException("parameter 'lambda' must be >= 0, got " + lambda);
        if (!(sigma >= 0)) throw new IllegalArgumentException("parameter 'sigma' must be >= 0, got " + sigma);
        this.dim = dim;
        this.hidden = hidden;
        this.denoising = denoising;
        this.lambda = lambda;
        this.sigma = sigma;
        Rng r = new Rng(seed);
        double a1 = 1 / Math.sqrt(dim), a2 = 1 / Math.sqrt(hidden);
        w = Tensor.rand(dtype, r, -a1, a1, dim, hidden).requiresGrad(true).label("ae_W");
        b = Tensor.rand(dtype, r, -a1, a1, hidden).requiresGrad(true).label("ae_b");
        v = Tensor.rand(dtype, r, -a2, a2, hidden, dim).requiresGrad(true).label("ae_V");
        c = Tensor.rand(dtype, r, -a2, a2, dim).requiresGrad(true).label("ae_c");
        this.rng = r.split();
    }

    public static ContractiveAutoEncoderLoss fromParams(Params p) {
        p.checkKnown(Set.of("dim", "hidden", "mode", "lambda", "sigma", "seed", "dtype"));
        if (!p.has("dim") || !p.has("hidden")) throw new IllegalArgumentException("L135: parameters 'dim' and 'hidden' are required");
        String m = p.getString("mode", "contractive");
        if (!m.equals("contractive") && !m.equals("denoising")) throw new IllegalArgumentException("parameter 'mode' must be contractive or denoising, got '" + m + "'");
        return new ContractiveAutoEncoderLoss(p.getInt("dim", 0), p.getInt("hidden", 0), m.equals("denoising"), p.getDouble("lambda", 0.1),
                p.getDouble("sigma", 0.1), p.getInt("seed", 0), InfoNce.dtype(p));
    }

    /** Encoder code h = σ(xW + b) (N x H). */
    public Tensor encode(Tensor x) {
        DType dt = x.dtype();
        return x.matmul(w.to(dt)).add(b.to(dt)).sigmoid();
    }

    /** Reconstruction r = hV + c (N x D). */
    public Tensor decode(Tensor h) {
        DType dt = h.dtype();
        return h.matmul(v.to(dt)).add(c.to(dt));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor x = in.embeddings();
        int n = x.dim(0);
        if (x.dim(1) != dim) throw new IllegalArgumentException(INFO.id() + ": inputs have D=" + x.dim(1) + " but the auto-encoder has dim=" + dim);
        DType dt = x.dtype();
        if (denoising) {
            Tensor eps = in.getOrNull(NOISE);
            if (eps == null) eps = Tensor.randn(dt, rng, n, dim);
            else if (!Arrays.equals(eps.shape(), x.shape())) throw new IllegalArgumentException(INFO.id() + ": noise must be " + n + " x " + dim + ", got " + Arrays.toString(eps.shape()));
            Tensor r = decode(encode(x.add(eps.to(dt).mul(sigma))));
            Tensor d = r.sub(x);
            return d.mul(d).sum(new int[]{1}, false).mean();
        }
        Tensor h = encode(x);
        Tensor d = decode(h).sub(x);
        Tensor rec = d.mul(d).sum(new int[]{1}, false).mean();
        Tensor colNorm = w.to(dt).square().sum(new int[]{0}, true); // 1 x H: Σ_i W_ij²
        Tensor hh = h.mul(h.neg().add(1));
        Tensor jac = hh.mul(hh).mul(colNorm).sum(new int[]{1}, false).mean();
        return rec.add(jac.mul(lambda));
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(w, b, v, c);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "contractive", "lambda", "0.1", "sigma", "0.1", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "inputs x to reconstruct"),
                Input.floats(NOISE, "N x D", "standard-normal corruption draws for mode=denoising (frozen; default: seeded)").asOptional());
    }
}
