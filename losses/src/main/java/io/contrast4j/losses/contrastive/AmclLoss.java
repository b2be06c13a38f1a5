package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L117 · Adaptive multi-head contrastive loss (AMCL, SimCLR form) — Wang, Koniusz, Gedeon, Zheng, <i>Adaptive Multi-head
 * Contrastive Learning</i> (ECCV 2024). Inputs: two views' projections from H heads, z₁ ({@code anchors}) and z₂
 * ({@code positives}), both B x H x D. Per head and direction (a → p, with the 2B−2 other views as negatives, all
 * L2-normalised): pair temperature τ(x, y) = τ_min + (τ_max − τ_min)·σ(−φ(x)·φ(y)), φ = Linear(D, D_h)–ReLU–Linear(D_h, D)
 * shared by all heads (learnable); with s = cos:
 * ℓ_i = −s(a_i,p_i)/τ_i⁺ + mean_{k∈top-k} s(a_i,n_k)/τ_ik + β·Ω(τ_i⁺) − β·Σ_{k∈top-k}(log τ_ik + 1/τ_ik), Ω(τ) = (D/2)·log τ + 1/τ;
 * top-k = the k most similar negatives (selection frozen). L = Σ_h mean(mean_i ℓ(a→p), mean_i ℓ(p→a)).
 * Verified against the authors' repository LeiWangR/cl {@code amcl/losses.py} ({@code AMCLNTXentLoss}, {@code omega},
 * {@code TemperatureHead}); φ initialised like torch.nn.Linear (U(±1/√fan_in)) from {@code seed}.
 * Defaults: β = 0.01, τ_min = 1e-5, τ_max = 2, top-k = 100, D_h = D.
 */
public final class AmclLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L117", "Adaptive multi-head contrastive loss (AMCL)", "contrastive", "T2",
            "Wang et al. 2024, Adaptive Multi-head Contrastive Learning; LeiWangR/cl amcl/losses.py AMCLNTXentLoss",
            "Σ_h [−s⁺/τ⁺ + mean_topk s⁻/τ⁻ + βΩ(τ⁺) − βΣ(log τ⁻ + 1/τ⁻)], τ = τmin + (τmax−τmin)σ(−φ(x)·φ(y))");
    private final int dim, topk;
    private final double beta, tauMin, tauMax;
    private final Tensor w1, b1, w2, b2;

    public AmclLoss(int dim, int hidden, double beta, double tauMin, double tauMax, int topk, long seed, DType dtype) {
        if (dim < 1 || hidden < 1) throw new IllegalArgumentException("parameters 'dim' and 'hidden' must be >= 1, got " + dim + ", " + hidden);
        if (!(tauMin > 0 && tauMin < tauMax)) throw new IllegalArgumentException("parameters must satisfy 0 < tau_min < tau_max, got " + tauMin + ", " + tauMax);
        if (topk < 1) throw new IllegalArgumentException("parameter 'topk' must be >= 1, got " + topk);
        this.dim = dim;
        this.topk = topk;
        this.beta = beta;
        this.tauMin = tauMin;
        this.tauMax = tauMax;
        Rng r = new Rng(seed);
        double a1 = 1 / Math.sqrt(dim), a2 = 1 / Math.sqrt(hidden);
        w1 = Tensor.rand(dtype, r, -a1, a1, dim, hidden).requiresGrad(true).label("amcl_W1");
        b1 = Tensor.rand(dtype, r, -a1, a1, hidden).requiresGrad(true).label("amcl_b1");
        w2 = Tensor.rand(dtype, r, -a2, a2, hidden, dim).requiresGrad(true).label("amcl_W2");
        b2 = Tensor.rand(dtype, r, -a2, a2, dim).requiresGrad(true).label("amcl_b2");
    }

    public static AmclLoss fromParams(Params p) {
        p.checkKnown(Set.of("dim", "hidden", "beta", "tau_min", "tau_max", "topk", "seed", "dtype"));
        if (!p.has("dim")) throw new IllegalArgumentException("L117: parameter 'dim' (projection size D) is required");
        int d = p.getInt("dim", 0);
        return new AmclLoss(d, p.getInt("hidden", d), p.getDouble("beta", 0.01), p.getDouble("tau_min", 1e-5), p.getDouble("tau_max", 2),
                p.getInt("topk", 100), p.getInt("seed", 0), InfoNce.dtype(p));
    }

    /** φ(x) for rows of x (n x D). */
    public Tensor phi(Tensor x) {
        DType dt = x.dtype();
        return x.matmul(w1.to(dt)).add(b1.to(dt)).relu().matmul(w2.to(dt)).add(b2.to(dt));
    }

    /** τ from a φ-score: τ_min + (τ_max − τ_min)·σ(−score). */
    private Tensor tau(Tensor score) {
        return score.neg().sigmoid().mul(tauMax - tauMin).add(tauMin);
    }

    /** mean_i ℓ_i for anchors a, positives p (B x D, normalised) and candidates c (2B x D) whose columns i and B+i are excluded. */
    private Tensor direction(Tensor a, Tensor p, Tensor c) {
        int b = a.dim(0), m = c.dim(0);
        Tensor pa = phi(a);
        Tensor pos = a.mul(p).sum(new int[]{1}, false);
        Tensor tauPos = tau(pa.mul(phi(p)).sum(new int[]{1}, false));
        Tensor sim = a.matmul(c, false, true);
        Tensor tauAll = tau(pa.matmul(phi(c), false, true));
        int k = Math.min(topk, m - 2);
        double[] sv = sim.detach().toDoubleArray();
        int[] idx = new int[b * k];
        for (int i = 0; i < b; i++) {
            boolean[] used = new boolean[m];
            used[i] = true;
            used[b + i] = true;
            for (int q = 0; q < k; q++) {
                int best = -1;
                for (int j = 0; j < m; j++) if (!used[j] && (best < 0 || sv[i * m + j] > sv[i * m + best])) best = j;
                used[best] = true;
                idx[i * k + q] = best;
            }
        }
        Tensor ix = Tensor.ofInts(idx, b, k);
        Tensor vals = sim.gather(1, ix), tauTop = tauAll.gather(1, ix);
        Tensor neg = vals.div(tauTop).mean(new int[]{1}, false);
        Tensor regPos = tauPos.log().mul(dim / 2.0).add(tauPos.pow(-1)).mul(beta);
        Tensor regNeg = tauTop.log().add(tauTop.pow(-1)).sum(new int[]{1}, false).mul(beta);
        return pos.div(tauPos).neg().add(neg).add(regPos).sub(regNeg).mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z1 = in.get(InfoNce.ANCHORS), z2 = in.get(InfoNce.POSITIVES);
        if (z1.rank() != 3 || !java.util.Arrays.equals(z1.shape(), z2.shape())) {
            throw new IllegalArgumentException(INFO.id() + ": anchors and positives must both be B x H x D, got " + java.util.Arrays.toString(z1.shape()) + " and " + java.util.Arrays.toString(z2.shape()));
        }
        int b = z1.dim(0), h = z1.dim(1);
        if (z1.dim(2) != dim) throw new IllegalArgumentException(INFO.id() + ": projections have D=" + z1.dim(2) + " but the loss was built with dim=" + dim);
        if (b < 2) throw new IllegalArgumentException(INFO.id() + ": AMCL needs at least two samples per batch, got " + b);
        List<Tensor> heads = new ArrayList<>();
        for (int k = 0; k < h; k++) {
            Tensor a = z1.slice(1, k, k + 1).reshape(b, dim).normalize(1), p = z2.slice(1, k, k + 1).reshape(b, dim).normalize(1);
            Tensor ab = direction(a, p, Tensor.concat(List.of(a, p), 0));
            Tensor ba = direction(p, a, Tensor.concat(List.of(p, a), 0));
            heads.add(ab.add(ba).mul(0.5));
        }
        return Tensor.stack(heads, 0).sum();
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("beta", "0.01", "tau_min", "1e-5", "tau_max", "2", "topk", "100", "hidden", "dim", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x H x D", "view-1 projections of the H heads"),
                Input.floats(InfoNce.POSITIVES, "B x H x D", "view-2 projections of the H heads"));
    }
}
