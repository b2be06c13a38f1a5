package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.contrastive.InfoNce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L223 · Contrastive sparse representation (CSR) — Wen et al., <i>Beyond Matryoshka: Revisiting Sparse Coding for
 * Adaptive Representation</i> (2025); ST-SP {@code CSRLoss} and {@code CSRReconstructionLoss} (read at
 * UKPLab/sentence-transformers, sparse_encoder/losses/CSRReconstructionLoss.py); the inputs are the outputs of the
 * sparse auto-encoder head E08.
 * L_k = MSE(x, x̂_k); L_4k = MSE(x, x̂_4k)/8; L_aux = β·NMSE(x̂_aux, x − sg(x̂_k − b_pre)) with
 * NMSE(r, o) = mean_b [mean_d (r − o)² / mean_d o²] (ST); total = L_k + L_4k + L_aux + γ·L_base(sparse codes).
 * {@code backbone} is the dense backbone embedding x; stack several input columns row-wise (ST averages the
 * per-column terms, which for equal batch sizes is the same value). {@code pre_bias} b_pre is optional (zero when
 * absent). L_base runs on the top-k codes given as ST columns ({@code anchors}, {@code positives}, optional
 * {@code negatives}); without them only the reconstruction part is computed (CSRReconstructionLoss).
 * Defaults (ST CSRLoss): β = 0.1, γ = 1, base L101 with dot similarity and scale 1 (SparseMultipleNegativesRankingLoss).
 */
public final class CsrLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L223", "Contrastive sparse representation (CSR)", "ranking", "T1",
            "Wen et al. 2025, Beyond Matryoshka: Revisiting Sparse Coding for Adaptive Representation; ST-SP CSRLoss, CSRReconstructionLoss",
            "L = MSE(x, xk) + MSE(x, x4k)/8 + beta NMSE(xaux, x - sg(xk - b_pre)) + gamma L_base(z_k)");
    public static final String BACKBONE = "backbone";
    public static final String RECON_K = "recon_k";
    public static final String RECON_4K = "recon_4k";
    public static final String RECON_AUX = "recon_aux";
    public static final String PRE_BIAS = "pre_bias";
    public static final String RECON_K_PRE_BIAS = "recon_k_pre_bias";
    private final Loss base;
    private final double beta, gamma;
    private final boolean stopAuxTarget;

    public CsrLoss(Loss base, double beta, double gamma) {
        this(base, beta, gamma, true);
    }

    public CsrLoss(Loss base, double beta, double gamma, boolean stopAuxTarget) {
        if (!(beta >= 0) || !(gamma >= 0)) throw new IllegalArgumentException("L223: beta and gamma must be >= 0");
        this.base = base;
        this.beta = beta;
        this.gamma = gamma;
        this.stopAuxTarget = stopAuxTarget;
    }

    /** Parameters: {@code beta}, {@code gamma}, {@code base} (loss ID), {@code base.*}. */
    public static CsrLoss fromParams(Params p) {
        Map<String, Object> bp = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            if (e.getKey().startsWith("base.")) bp.put(e.getKey().substring(5), e.getValue());
            else if (!Set.of("base", "beta", "gamma", "stop_aux_target", "dtype").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: base, base.*, beta, gamma, stop_aux_target)");
            }
        }
        String baseId = p.getString("base", "L101");
        if (baseId.equalsIgnoreCase("L101")) {
            bp.putIfAbsent("similarity", "dot");
            if (!bp.containsKey("temperature")) bp.putIfAbsent("scale", "1");
        }
        if (p.has("dtype")) bp.putIfAbsent("dtype", p.getString("dtype", "F32"));
        Loss base = LossRegistry.find(baseId).factory().apply(Params.of(bp));
        return new CsrLoss(base, p.getDouble("beta", 0.1), p.getDouble("gamma", 1), p.getBoolean("stop_aux_target", true));
    }

    private static Tensor same(LossInputs in, String name, Tensor x) {
        Tensor t = in.get(name);
        if (!Shape.same(t.shape(), x.shape())) throw new IllegalArgumentException("L223: " + name + " must be " + Shape.str(x.shape()) + " like the backbone, got " + Shape.str(t.shape()));
        if (t.dtype() != x.dtype()) throw new IllegalArgumentException("L223: " + name + " must be " + x.dtype() + ", got " + t.dtype());
        return t;
    }

    /** NMSE(r, o) = mean_b [mean_d (r − o)² / mean_d o²]. */
    public static Tensor nmse(Tensor r, Tensor o) {
        Tensor d = r.sub(o);
        return d.mul(d).mean(new int[]{1}, false).div(o.mul(o).mean(new int[]{1}, false).clampMin(1e-300)).mean();
    }

    /** The reconstruction part L_k + L_4k/8 + β·L_aux. */
    public Tensor reconstruction(LossInputs in) {
        Tensor x = in.get(BACKBONE);
        if (x.rank() != 2 || x.dim(0) == 0) throw new IllegalArgumentException("L223: backbone must be B x D with B >= 1, got " + Shape.str(x.shape()));
        Tensor xk = same(in, RECON_K, x), x4k = same(in, RECON_4K, x);
        Tensor dk = x.sub(xk), d4 = x.sub(x4k);
        Tensor total = dk.mul(dk).mean().add(d4.mul(d4).mean().div(8));
        if (beta > 0 && in.has(RECON_AUX)) {
            Tensor aux = same(in, RECON_AUX, x);
            Tensor preBiasFree;
            if (in.has(RECON_K_PRE_BIAS)) {
                if (in.has(PRE_BIAS)) throw new IllegalArgumentException("L223: give either recon_k_pre_bias or pre_bias, not both");
                preBiasFree = same(in, RECON_K_PRE_BIAS, x);
            } else if (in.has(PRE_BIAS)) {
                Tensor b = in.get(PRE_BIAS);
                if (b.numel() != x.dim(1)) throw new IllegalArgumentException("L223: pre_bias must have D = " + x.dim(1) + " entries, got " + Shape.str(b.shape()));
                preBiasFree = xk.sub(b.reshape(1, x.dim(1)));
            } else {
                preBiasFree = xk;
            }
            if (stopAuxTarget) preBiasFree = preBiasFree.detach();
            total = total.add(nmse(aux, x.sub(preBiasFree)).mul(beta));
        }
        return total;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor total = reconstruction(in);
        if (gamma > 0 && in.has(InfoNce.ANCHORS)) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (var e : in.asMap().entrySet()) {
                if (!Set.of(BACKBONE, RECON_K, RECON_4K, RECON_AUX, PRE_BIAS, RECON_K_PRE_BIAS).contains(e.getKey())) m.put(e.getKey(), e.getValue());
            }
            total = total.add(base.compute(LossInputs.of(m)).mul(gamma));
        }
        return total;
    }

    @Override
    public List<Tensor> parameters() {
        return base.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("beta", "0.1", "gamma", "1", "base", "L101 (dot, scale 1)", "stop_aux_target", "true");
    }

    @Override
    public List<Input> inputs() {
        List<Input> in = new ArrayList<>();
        in.add(Input.floats(BACKBONE, "B x D", "dense backbone embedding x (E08 input)"));
        in.add(Input.floats(RECON_K, "B x D", "reconstruction from the top-k latents"));
        in.add(Input.floats(RECON_4K, "B x D", "reconstruction from the top-4k latents"));
        in.add(Input.floats(RECON_AUX, "B x D", "reconstruction from the auxiliary dead-latent top-k").asOptional());
        in.add(Input.floats(PRE_BIAS, "D", "E08 pre-bias b_pre (constant in the aux target)").asOptional());
        in.add(Input.floats(RECON_K_PRE_BIAS, "B x D", "x_k - b_pre as E08 outputs it (instead of pre_bias)").asOptional());
        for (Input i : base.inputs()) in.add(i.optional() ? i : i.asOptional());
        return in;
    }
}
