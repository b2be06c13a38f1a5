package io.contrast4j.losses.metric;

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
 * L027 · Enveloping and homogeneity losses (SRL, surrogate-driven representation learning) — Dong, Wu, Chen et al.,
 * <i>Improve Representation for Imbalanced Regression through Geometric Constraints</i> (CVPR 2025).
 * Labels are label-bin ids (continuous targets binned by the caller). f̂ = normalised embeddings; surrogates
 * ĉ_b = normalise(mean of f̂ over bin b), bins absent from the batch taken from the optional {@code surrogates} input
 * (the previous step's surrogates, constant); without it the trace is the present bins in label order.
 * L = w_con·mean_i CE(f̂_i·sg(ĉ)ᵀ/τ, b_i) + w_env·(1 − mean_m max_b ĉ_b·p_m) + w_hom·(α Σ_b ĉ_{b+1}·ĉ_b + β·Var_b(ĉ_{b+1}·ĉ_b)),
 * p_m = M random unit vectors (the {@code points} input, or drawn from {@code seed}).
 * Verified against the official code yilei-wu/imbalanced-regression {@code agedb-dir/dfr.py} ({@code dfr_simple},
 * {@code regression_contrastive_loss}, {@code uniformity_loss} = enveloping, {@code smooth_loss} = homogeneity) and
 * the weights of {@code agedb-dir/train.py}. The variance is unbiased (torch.var) and is dropped with fewer than two
 * consecutive pairs; a batch whose trace has fewer than two bins gives a zero loss on the graph. {@code detach} (default
 * true, as the code) makes the surrogates constant in the contrast term and the {@code surrogates} input constant;
 * the registry gradient check sets it false.
 * Defaults (train.py): τ = 0.3, w_con = 10, w_env = 100, w_hom = 0.01, α = −1, β = 0.1, 2000 points.
 */
public final class SrlLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L027", "Enveloping and homogeneity losses (SRL)", "metric-learning", "T2",
            "Dong et al. 2025, Improve Representation for Imbalanced Regression through Geometric Constraints; yilei-wu/imbalanced-regression dfr.py",
            "w_con CE(f·sg(c)/τ, bin) + w_env (1 − mean_m max_b c_b·p_m) + w_hom (α Σ c_{b+1}·c_b + β Var(c_{b+1}·c_b))");
    public static final String SURROGATES = "surrogates";
    public static final String POINTS = "points";
    private final double tau, wCon, wEnv, wHom, alpha, beta;
    private final int numPoints;
    private final long seed;
    private final boolean detach;

    public SrlLoss(double tau, double wCon, double wEnv, double wHom, double alpha, double beta, int numPoints, long seed, boolean detach) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        if (numPoints <= 0) throw new IllegalArgumentException("parameter 'num_points' must be > 0, got " + numPoints);
        this.tau = tau;
        this.wCon = wCon;
        this.wEnv = wEnv;
        this.wHom = wHom;
        this.alpha = alpha;
        this.beta = beta;
        this.numPoints = numPoints;
        this.seed = seed;
        this.detach = detach;
    }

    public static SrlLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "w_con", "w_env", "w_hom", "alpha", "beta", "num_points", "seed", "detach", "dtype"));
        return new SrlLoss(p.getPositive("temperature", 0.3), p.getDouble("w_con", 10), p.getDouble("w_env", 100), p.getDouble("w_hom", 0.01),
                p.getDouble("alpha", -1), p.getDouble("beta", 0.1), p.getInt("num_points", 2000), p.getInt("seed", 0), p.getBoolean("detach", true));
    }

    /** M random unit vectors in D dimensions (normalised Gaussians, as the official {@code generate_gaussian_vectors}). */
    public static Tensor randomPoints(int m, int d, long seed, DType dt) {
        return Tensor.randn(dt, new Rng(seed), m, d).normalize(1).detach();
    }

    /** The normalised surrogate trace (K x D) and each sample's row in it. */
    private record Trace(Tensor c, int[] rows) {
    }

    private Trace trace(Tensor f, int[] y, Tensor surrogates) {
        int n = y.length;
        DType dt = f.dtype();
        int[] present = Arrays.stream(y).distinct().sorted().toArray();
        int k = present.length;
        double[] sel = new double[k * n], cnt = new double[k];
        for (int i = 0; i < n; i++) {
            int b = Arrays.binarySearch(present, y[i]);
            sel[b * n + i] = 1;
            cnt[b]++;
        }
        for (int b = 0; b < k; b++) for (int i = 0; i < n; i++) sel[b * n + i] /= cnt[b];
        Tensor cent = MetricOps.constant(sel, dt, k, n).matmul(f); // K x D bin means
        if (surrogates == null) {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = Arrays.binarySearch(present, y[i]);
            return new Trace(cent.normalize(1), rows);
        }
        int l = surrogates.dim(0);
        if (surrogates.dim(1) != f.dim(1)) throw new IllegalArgumentException(INFO.id() + ": surrogates must be L x " + f.dim(1) + ", got " + Arrays.toString(surrogates.shape()));
        if (present[0] < 0 || present[k - 1] >= l) throw new IllegalArgumentException(INFO.id() + ": bin labels must lie in [0, " + l + ") (rows of surrogates), got " + present[0] + ".." + present[k - 1]);
        double[] put = new double[l * k], keep = new double[l];
        Arrays.fill(keep, 1);
        for (int b = 0; b < k; b++) {
            put[present[b] * k + b] = 1;
            keep[present[b]] = 0;
        }
        Tensor full = MetricOps.constant(put, dt, l, k).matmul(cent).add((detach ? surrogates.detach() : surrogates).to(dt).mul(MetricOps.constant(keep, dt, l, 1)));
        return new Trace(full.normalize(1), y.clone());
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        if (y.length != e.dim(0)) throw new IllegalArgumentException(INFO.id() + ": " + e.dim(0) + " embeddings but " + y.length + " labels");
        Tensor f = e.normalize(1);
        Trace t = trace(f, y, in.getOrNull(SURROGATES));
        int k = t.c().dim(0), d = e.dim(1);
        if (k < 2) return LossInputs.zeroLoss(e);
        Tensor logits = f.matmul(detach ? t.c().detach() : t.c(), false, true).div(tau);
        Tensor con = logits.logsumexp(1).sub(logits.gather(1, Tensor.ofInts(t.rows(), t.rows().length, 1)).reshape(t.rows().length)).mean();
        Tensor pts = in.getOrNull(POINTS);
        if (pts == null) pts = randomPoints(numPoints, d, seed, e.dtype());
        else if (pts.dim(1) != d) throw new IllegalArgumentException(INFO.id() + ": points must be M x " + d + ", got " + Arrays.toString(pts.shape()));
        Tensor env = t.c().matmul(pts.normalize(1), false, true).max(new int[]{0}, false).mean().neg().add(1);
        Tensor lengths = t.c().slice(0, 1, k).mul(t.c().slice(0, 0, k - 1)).sum(new int[]{1}, false);
        Tensor hom = lengths.sum().mul(alpha);
        if (k - 1 >= 2) hom = hom.add(lengths.var(new int[]{0}, false, 1).mul(beta));
        return con.mul(wCon).add(env.mul(wEnv)).add(hom.mul(wHom));
    }

    /** The surrogates after this batch (L x D, normalised, constant): feed them back as the next {@code surrogates} input. */
    public Tensor updatedSurrogates(Tensor embeddings, int[] labels, Tensor surrogates) {
        return trace(embeddings.normalize(1), labels, surrogates).c().detach();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.3", "w_con", "10", "w_env", "100", "w_hom", "0.01", "alpha", "-1", "beta", "0.1", "num_points", "2000", "seed", "0", "detach", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "features"),
                Input.ints(LossInputs.LABELS, "N", "label-bin ids (binned continuous targets)"),
                Input.floats(SURROGATES, "L x D", "previous surrogates of all L bins (constant); rows used for bins absent from the batch").asOptional(),
                Input.floats(POINTS, "M x D", "random reference points on the sphere (default: num_points drawn from seed)").asOptional());
    }
}
