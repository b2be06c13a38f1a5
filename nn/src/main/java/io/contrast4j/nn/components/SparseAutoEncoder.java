package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

import java.util.Arrays;

/**
 * Top-k sparse auto-encoder head (catalog E08, T1; sentence-transformers sparse {@code SparseAutoEncoder}, CSR
 * (Wen et al. 2025) / Gao et al. 2024 top-k SAE): x ← x − b_pre (optionally per-row LayerNorm first);
 * pre = W_enc·x + b_lat; z_k = relu(TopK_k(pre)), z_4k = relu(TopK_4k(pre)); a latent is dead when it was not
 * active in z_k for more than {@code deadThreshold} training steps; z_aux = relu(TopK_{k_aux}(pre restricted to
 * dead latents)); decoding is tied: x̂ = W_encᵀ·z + b_pre. The output embedding is z_k. Top-k supports are
 * selections (no gradient through the choice). Defaults: hidden 512, k 8, k_aux 512, dead_threshold 30.
 */
public final class SparseAutoEncoder extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E08", "Sparse auto-encoder head (CSR)", "encoder", "T1",
            "sentence-transformers SparseAutoEncoder (CSR); Gao et al. 2024 top-k SAE",
            "z_k = relu(TopK_k(W_enc(x − b_pre) + b_lat)); x̂ = W_encᵀ z + b_pre; aux top-k over dead latents");

    /** Latents and reconstructions of one forward pass. */
    public record Output(Tensor latent, Tensor latent4k, Tensor latentAux, Tensor recon, Tensor recon4k, Tensor reconAux) {
    }

    private final int dim, hidden, k, kAux, deadThreshold;
    private final boolean layerNorm;
    private final Tensor wEnc, bLat, bPre;
    private final int[] stepsSinceActive;

    public SparseAutoEncoder(int dim, DType dtype, Rng rng) {
        this(dim, 512, 8, 512, 30, false, dtype, rng);
    }

    public SparseAutoEncoder(int dim, int hidden, int k, int kAux, int deadThreshold, boolean layerNorm, DType dtype, Rng rng) {
        if (k <= 0 || k > hidden || kAux <= 0) throw new IllegalArgumentException("SparseAutoEncoder: need 0 < k <= hidden and k_aux > 0, got k=" + k + ", hidden=" + hidden + ", k_aux=" + kAux);
        this.dim = dim;
        this.hidden = hidden;
        this.k = k;
        this.kAux = kAux;
        this.deadThreshold = deadThreshold;
        this.layerNorm = layerNorm;
        this.wEnc = param("encoder_weight", Init.kaimingUniform(dtype, rng, Math.sqrt(5), io.contrast4j.nn.init.FanMode.FAN_IN, hidden, dim));
        this.bLat = param("latent_bias", Tensor.zeros(dtype, hidden));
        this.bPre = param("pre_bias", Tensor.zeros(dtype, dim));
        this.stepsSinceActive = new int[hidden];
    }

    /** Latents that have been inactive for more than the threshold. */
    public boolean[] deadLatents() {
        boolean[] d = new boolean[hidden];
        for (int i = 0; i < hidden; i++) d[i] = stepsSinceActive[i] > deadThreshold;
        return d;
    }

    public Output encode(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != dim) throw new IllegalArgumentException("SparseAutoEncoder: input must be [B, " + dim + "], got " + Arrays.toString(x.shape()));
        if (layerNorm) {
            Tensor c = x.sub(x.mean(new int[]{1}, true));
            x = c.div(c.mul(c).mean(new int[]{1}, true).add(1e-5).sqrt());
        }
        Tensor pre = x.sub(bPre).matmul(wEnc, false, true).add(bLat);
        Tensor zk = topRelu(pre, k);
        Tensor z4k = topRelu(pre, Math.min(4 * k, hidden));
        boolean[] dead = deadLatents();
        int nDead = 0;
        for (boolean b : dead) if (b) nDead++;
        Tensor zAux;
        if (nDead == 0) {
            zAux = Tensor.zeros(x.dtype(), x.dim(0), hidden);
        } else {
            double[] mask = new double[hidden];
            for (int i = 0; i < hidden; i++) mask[i] = dead[i] ? 0 : Double.NEGATIVE_INFINITY;
            Tensor sel = pre.detach().add(Tensor.of(mask, hidden).to(x.dtype())).topk(Math.min(kAux, nDead), true);
            zAux = Tensor.zeros(x.dtype(), x.dim(0), hidden).scatterAdd(1, sel, pre.gather(1, sel).relu());
        }
        if (isTraining()) track(zk);
        return new Output(zk, z4k, zAux, decode(zk), decode(z4k), zAux.matmul(wEnc));
    }

    private Tensor topRelu(Tensor pre, int kk) {
        Tensor idx = pre.detach().topk(kk, true);
        return Tensor.zeros(pre.dtype(), pre.shape()).scatterAdd(1, idx, pre.gather(1, idx).relu());
    }

    /** x̂ = W_encᵀ·z + b_pre. */
    public Tensor decode(Tensor z) {
        return z.matmul(wEnc).add(bPre);
    }

    private void track(Tensor zk) {
        double[] v = zk.detach().toDoubleArray();
        int b = v.length / hidden;
        boolean[] active = new boolean[hidden];
        for (int i = 0; i < b; i++) for (int j = 0; j < hidden; j++) if (v[i * hidden + j] > 0) active[j] = true;
        for (int j = 0; j < hidden; j++) stepsSinceActive[j] = active[j] ? 0 : stepsSinceActive[j] + 1;
    }

    /** The sparse embedding z_k {@code [B, hidden]}. */
    @Override
    public Tensor forward(Tensor x) {
        return encode(x).latent();
    }

    @Override
    protected String describe() {
        return "SparseAutoEncoder(" + dim + " -> " + hidden + ", k=" + k + ", k_aux=" + kAux + ")";
    }
}
