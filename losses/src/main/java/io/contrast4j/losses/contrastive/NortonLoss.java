package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
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
 * L120 · Noise-robust temporal optimal transport contrast (Norton) — Lin et al., <i>Multi-granularity Correspondence
 * Learning from Long-term Noisy Videos</i> (ICLR 2024). Inputs: clip embeddings v ({@code anchors}, N x D) and caption
 * embeddings t ({@code positives}, N x D), row-aligned, N = V·L (V videos of L consecutive clips).
 * <p>Clip level (faulty-negative rectification): S = v·tᵀ; Q = sg(Sinkhorn(S)) (ε = 1, uniform marginals 1/(2N),
 * rescaled by 2N); L_clip = −mean_i Σ_j [(1−β)I + βQ]_ij log softmax_j(S_i) + the same on Sᵀ with Qᵀ.
 * <p>Video level: C = min-max-normalised cos(t, v); for every (paragraph a, video b) block C_ab (L x L), the alignable
 * prompt bucket p = (k-th smallest diagonal entry of C, k = ⌊r·N⌋) is appended as a row and a column; the log-domain
 * Sinkhorn plan on [C_ab, p]/ε (marginals 1/(2L), bucket 1/2, {@code iterations} unrolled Tensor steps) is cut back to
 * L x L and rescaled to mass L; logit_ab = e^{s}·⟨plan, C_ab⟩; L_video = CE(logits) + CE(logitsᵀ).
 * L = L_clip + w·L_video. Both plans (Q and the bucket plans) are sg by default ({@code detach_plan}, as the code's
 * {@code no_grad}); with false the gradient flows through the unrolled iterations. s = log(1/0.07) is learnable (clamped to [0, 4.6052] as the code does).
 * Verified against XLearning-SCU/2024-ICLR-Norton {@code mmpt/losses/nce.py} (MMContraLoss, SequenceContrastLoss)
 * and {@code projects/retri/norton/how2_pretrain.yaml}. Not included: the fine-grained frame–word log-sum-exp term
 * fused into C (it needs token-level features); C is the clip–caption cosine alone.
 * Defaults: L = 8, β = 0.3, ε = 0.1, r = 0.3, 50 iterations, w = 0.1.
 */
public final class NortonLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L120", "Noise-robust OT contrast (Norton)", "contrastive", "T2",
            "Lin et al. 2024, Multi-granularity Correspondence Learning from Long-term Noisy Videos; XLearning-SCU/2024-ICLR-Norton nce.py",
            "CE(S, (1−β)I + β sg(Sinkhorn(S))) both ways + w·CE_video(e^s ⟨OT_bucket(C_ab/ε), C_ab⟩)");
    private final int seqLen, iterations;
    private final double beta, eps, promptRatio, seqWeight;
    private final boolean detachPlan;
    private final Tensor logScale;

    public NortonLoss(int seqLen, double beta, double eps, double promptRatio, int iterations, double seqWeight, boolean detachPlan, DType dtype) {
        if (seqLen < 1) throw new IllegalArgumentException("parameter 'seq_len' must be >= 1, got " + seqLen);
        if (iterations < 1) throw new IllegalArgumentException("parameter 'iterations' must be >= 1, got " + iterations);
        if (!(beta >= 0 && beta <= 1)) throw new IllegalArgumentException("parameter 'beta' must be in [0, 1], got " + beta);
        if (!(promptRatio > 0 && promptRatio <= 1)) throw new IllegalArgumentException("parameter 'prompt_ratio' must be in (0, 1], got " + promptRatio);
        if (!(eps > 0)) throw new IllegalArgumentException("parameter 'epsilon' must be > 0, got " + eps);
        this.seqLen = seqLen;
        this.beta = beta;
        this.eps = eps;
        this.promptRatio = promptRatio;
        this.iterations = iterations;
        this.seqWeight = seqWeight;
        this.detachPlan = detachPlan;
        this.logScale = Tensor.scalar(Math.log(1 / 0.07), dtype).requiresGrad(true).label("norton_logit_scale");
    }

    public static NortonLoss fromParams(Params p) {
        p.checkKnown(Set.of("seq_len", "beta", "epsilon", "prompt_ratio", "iterations", "sequence_weight", "detach_plan", "dtype"));
        return new NortonLoss(p.getInt("seq_len", 8), p.getDouble("beta", 0.3), p.getDouble("epsilon", 0.1), p.getDouble("prompt_ratio", 0.3),
                p.getInt("iterations", 50), p.getDouble("sequence_weight", 0.1), p.getBoolean("detach_plan", true), InfoNce.dtype(p));
    }

    /**
     * Log-domain Sinkhorn on a batch of score matrices Z (G x R x C) with log marginals (R) and (C), {@code iters}
     * unrolled steps: u = log μ − LSE_j(Z + v), v = log ν − LSE_i(Z + u); returns Z + u + v.
     */
    public static Tensor logSinkhorn(Tensor z, double[] logMu, double[] logNu, int iters) {
        int g = z.dim(0), r = z.dim(1), c = z.dim(2);
        DType dt = z.dtype();
        Tensor lm = Tensor.of(logMu, 1, r).to(dt), ln = Tensor.of(logNu, 1, c).to(dt);
        Tensor u = Tensor.zeros(dt, g, r), v = Tensor.zeros(dt, g, c);
        for (int it = 0; it < iters; it++) {
            u = lm.sub(z.add(v.reshape(g, 1, c)).logsumexp(2));
            v = ln.sub(z.add(u.reshape(g, r, 1)).logsumexp(1));
        }
        return z.add(u.reshape(g, r, 1)).add(v.reshape(g, 1, c));
    }

    /** Clip-level transport plan Q (N x N): Sinkhorn with ε = 1 on S, rows and columns summing to 1; constant unless detach_plan=false. */
    public Tensor clipPlan(Tensor s) {
        int n = s.dim(0);
        double norm = -Math.log(2.0 * n);
        double[] mu = new double[n];
        Arrays.fill(mu, norm);
        if (!detachPlan) return logSinkhorn(s.reshape(1, n, n), mu, mu, iterations).sub(norm).exp().reshape(n, n);
        try (var g = Grad.off()) {
            return logSinkhorn(s.detach().reshape(1, n, n), mu, mu, iterations).sub(norm).exp().reshape(n, n).detach();
        }
    }

    private static Tensor softCe(Tensor logits, Tensor target) {
        return logits.logSoftmax(1).mul(target).sum(new int[]{1}, false).neg().mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor v = in.get(InfoNce.ANCHORS), t = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), v, t, null);
        int n = v.dim(0);
        if (n % seqLen != 0) throw new IllegalArgumentException(INFO.id() + ": batch of " + n + " clips is not a multiple of seq_len=" + seqLen);
        DType dt = v.dtype();
        Tensor s = v.matmul(t, false, true);
        Tensor q = clipPlan(s);
        Tensor eye = InfoNce.targetOneHot(n, n, InfoNce.arange(n), dt);
        Tensor lossClip = softCe(s, q.mul(beta).add(eye.mul(1 - beta))).add(softCe(s.t(), q.t().mul(beta).add(eye.mul(1 - beta))));
        return seqWeight == 0 ? lossClip : lossClip.add(videoLoss(v, t).mul(seqWeight));
    }

    /** The video–paragraph loss CE(logits) + CE(logitsᵀ) over the V sequences. */
    public Tensor videoLoss(Tensor v, Tensor t) {
        int n = v.dim(0), l = seqLen, nv = n / l, g = nv * nv;
        DType dt = v.dtype();
        Tensor cos = t.normalize(1).matmul(v.normalize(1), false, true); // rows: captions
        Tensor c = cos.sub(cos.min()).div(cos.max().sub(cos.min()));
        double[] cv = c.detach().toDoubleArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(cv[x * n + x], cv[y * n + y]));
        int k = Math.max(1, (int) (promptRatio * n));
        Tensor p = c.reshape(n * n).indexSelect(0, order[k - 1] * n + order[k - 1]).reshape(1, 1, 1); // selection frozen
        Tensor blocks = c.reshape(nv, l, nv, l).permute(0, 2, 1, 3).reshape(g, l, l);
        Tensor scaled = blocks.div(eps);
        Tensor colBin = Tensor.full(dt, 1 / eps, g, l, 1).mul(p), rowBin = Tensor.full(dt, 1 / eps, g, 1, l + 1).mul(p);
        Tensor coupling = Tensor.concat(List.of(Tensor.concat(List.of(scaled, colBin), 2), rowBin), 1);
        double norm = -Math.log(2.0 * l);
        double[] mu = new double[l + 1];
        Arrays.fill(mu, norm);
        mu[l] = Math.log(l) + norm;
        Tensor plan;
        if (detachPlan) {
            try (var gr = Grad.off()) {
                plan = planOf(coupling.detach(), mu, g, l).detach();
            }
        } else {
            plan = planOf(coupling, mu, g, l);
        }
        double sc = Math.min(4.6052, Math.max(0, logScale.item()));
        Tensor scale = logScale.to(dt).add(sc - logScale.item()).exp(); // value clamped like the code, gradient of e^s
        Tensor logits = plan.mul(blocks).sum(new int[]{1, 2}, false).reshape(nv, nv).mul(scale);
        int[] tg = InfoNce.arange(nv);
        return InfoNce.ce(logits, tg).mean().add(InfoNce.ce(logits.t(), tg).mean());
    }

    private Tensor planOf(Tensor coupling, double[] mu, int g, int l) {
        double norm = -Math.log(2.0 * l);
        Tensor z = logSinkhorn(coupling, mu, mu, iterations).sub(norm).slice(1, 0, l).slice(2, 0, l).exp();
        Tensor mass = z.sum(new int[]{1, 2}, true);
        return z.mul(l).div(mass);
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(logScale);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("seq_len", "8", "beta", "0.3", "epsilon", "0.1", "prompt_ratio", "0.3", "iterations", "50", "sequence_weight", "0.1",
                "detach_plan", "true", "logit_scale", "log(1/0.07)");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "N x D", "clip (video) embeddings, V videos of seq_len consecutive clips"),
                Input.floats(InfoNce.POSITIVES, "N x D", "caption embeddings, row-aligned with the clips"));
    }
}
