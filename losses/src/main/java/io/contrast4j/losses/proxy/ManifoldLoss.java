package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
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
 * L044 · Manifold (hard-proxy random-walk) loss — Aziere &amp; Todorovic, <i>Ensemble Deep Manifold Similarity
 * Learning using Hard Proxies</i> (CVPR 2019); PML {@code ManifoldLoss}.
 * On X = [E; P] (N + K rows): S = exp(max(cos, 0)/0.5) with zero diagonal; S̄ = D^{-1/2} S D^{-1/2};
 * F = (1 − α)(I − αS̄)^{-1}. Intrinsic: for sample i of meta-class c, log(1 + Σ_{k≠c, z_ik &gt; 0} e^{z_ik}) with
 * z_ik = F_ik − F_ic + m over the proxy columns; context: the same form on z_ik = cos(F_i·, F_{N+k}·) − cos(F_i·, F_{N+c}·) + m;
 * L = mean L_int + λ_C·mean L_ctx. Which terms are positive is decided on detached values (as PML's −∞ masking).
 * Labels are not supported: meta-classes come from the optional {@code meta_classes} input (PML's indices_tuple) or are
 * drawn at random (every proxy once, then uniform; needs N ≥ K), from the loss's own seeded generator.
 * The inverse is taken on the host; its gradient uses d(A⁻¹) = −A⁻¹ dA A⁻¹, realised as
 * A₀⁻¹ + A₀⁻¹(αS̄ − sg(αS̄))A₀⁻¹ (value A₀⁻¹, exact first derivative; CATALOG GC "CB").
 * Defaults: K = 50, lambdaC = 1, alpha = 0.8, margin = 5e-4; proxies ~ N(0, 1) (PML). Params: embedding_size (PML l).
 * Proxy LR: own param group (O01), ≈10–100× backbone.
 */
public final class ManifoldLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L044", "Manifold (hard-proxy random-walk) loss", "metric-learning", "T1",
            "Aziere & Todorovic 2019, Ensemble Deep Manifold Similarity Learning using Hard Proxies; PML ManifoldLoss",
            "F = (1−α)(I − αS̄)^{-1}; L = mean log(1 + Σ_{k≠c} [e^{F_ik − F_ic + m}]) + λ_C·(same on cos of F rows)");
    public static final String META_CLASSES = "meta_classes";
    private final int numProxies, embeddingSize;
    private final double lambdaC, alpha, margin;
    private final DType dtype;
    private final Tensor proxies;
    private final Rng rng;

    public ManifoldLoss(int embeddingSize, int numProxies, double lambdaC, double alpha, double margin, DType dtype, long seed) {
        if (embeddingSize <= 0 || numProxies <= 0) throw new IllegalArgumentException("L044: 'embedding_size' and 'K' must be > 0, got " + embeddingSize + ", " + numProxies);
        if (!(lambdaC >= 0) || Double.isInfinite(lambdaC)) throw new IllegalArgumentException("L044: parameter 'lambdaC' must be finite and >= 0, got " + lambdaC);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("L044: parameter 'alpha' must be in (0, 1), got " + alpha);
        this.embeddingSize = embeddingSize;
        this.numProxies = numProxies;
        this.lambdaC = lambdaC;
        this.alpha = alpha;
        this.margin = margin;
        this.dtype = dtype;
        Rng r = new Rng(seed);
        this.proxies = ProxyOps.learnable(ProxyOps.normal(dtype, r.split(), 1.0, numProxies, embeddingSize));
        this.rng = r.split();
    }

    public static ManifoldLoss fromParams(Params p) {
        p.checkKnown(Set.of("embedding_size", "l", "K", "lambdaC", "alpha", "margin", "dtype", "seed"));
        if (p.has("l") && p.has("embedding_size")) throw new IllegalArgumentException("L044: give 'embedding_size' or its alias 'l', not both");
        Params q = p.has("l") ? p.with("embedding_size", p.getString("l", "")) : p;
        return new ManifoldLoss(ProxyOps.requiredInt(q, "embedding_size", "L044"), ProxyOps.positiveInt(p, "K", 50), p.getDouble("lambdaC", 1),
                p.getDouble("alpha", 0.8), p.getDouble("margin", 5e-4), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    public Tensor proxies() {
        return proxies;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int n = e.dim(0), k = numProxies;
        if (e.dim(1) != embeddingSize) throw new IllegalArgumentException("L044: embeddings have " + e.dim(1) + " columns but embedding_size is " + embeddingSize);
        if (e.dtype() != dtype) throw new IllegalArgumentException("L044: embeddings are " + e.dtype() + " but the loss was built with dtype=" + dtype);
        int[] meta = in.has(META_CLASSES) ? in.get(META_CLASSES).toIntArray() : randomMetaClasses(n);
        if (meta.length != n) throw new IllegalArgumentException("L044: " + n + " embeddings but " + meta.length + " meta_classes");
        for (int i = 0; i < n; i++) if (meta[i] < 0 || meta[i] >= k) throw new IllegalArgumentException("L044: meta_classes[" + i + "] = " + meta[i] + " outside [0, K=" + k + ")");

        int t = n + k;
        Tensor x = Tensor.concat(List.of(e, proxies), 0).normalize(1);
        Tensor s = x.matmul(x, false, true).clampMin(0).div(0.5).exp();
        Tensor offDiag = Tensor.ones(dtype, t, t).sub(eye(t));
        s = s.mul(offDiag);
        Tensor dInvHalf = s.sum(1).pow(-0.5);
        Tensor sBar = s.mul(dInvHalf.reshape(t, 1)).mul(dInvHalf.reshape(1, t));
        Tensor aS = sBar.mul(alpha);
        double[] a0 = aS.detach().neg().toDoubleArray();
        for (int i = 0; i < t; i++) a0[i * t + i] += 1;
        Tensor inv0 = Tensor.of(ProxyOps.inverse(a0, t), t, t).to(dtype);
        Tensor inv = inv0.add(inv0.matmul(aS.sub(aS.detach())).matmul(inv0));
        Tensor f = inv.mul(1 - alpha);

        Tensor loss = hinged(f.slice(0, 0, n).slice(1, n, t), meta);
        if (lambdaC > 0) {
            Tensor fe = f.slice(0, 0, n).normalize(1), fp = f.slice(0, n, t).normalize(1);
            loss = loss.add(hinged(fe.matmul(fp, false, true), meta).mul(lambdaC));
        }
        return loss;
    }

    /** mean_i log(1 + Σ_{j ≠ c_i, z_ij &gt; 0} e^{z_ij}), z_ij = m_ij − m_{i c_i} + margin. */
    private Tensor hinged(Tensor m, int[] meta) {
        int n = meta.length, k = numProxies;
        Tensor own = m.gather(1, Tensor.ofInts(meta, n, 1));
        Tensor z = m.sub(own).add(margin);
        double[] zv = z.detach().toDoubleArray();
        boolean[] keep = new boolean[n * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) keep[i * k + j] = j != meta[i] && zv[i * k + j] >= 0;
        return ProxyOps.logOnePlusSumExp(z, ProxyOps.mask(keep, dtype, n, k), 1).mean();
    }

    private Tensor eye(int t) {
        double[] v = new double[t * t];
        for (int i = 0; i < t; i++) v[i * t + i] = 1;
        return Tensor.of(v, t, t).to(dtype);
    }

    private int[] randomMetaClasses(int n) {
        if (n < numProxies) throw new IllegalArgumentException("L044: random meta-classes need at least K=" + numProxies + " embeddings, got " + n + " (or pass 'meta_classes')");
        int[] m = new int[n];
        for (int i = 0; i < n; i++) m[i] = i < numProxies ? i : rng.nextInt(numProxies);
        rng.shuffle(m);
        return m;
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(proxies);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("K", "50", "lambdaC", "1", "alpha", "0.8", "margin", "5e-4", "dtype", "F32", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"),
                Input.ints(META_CLASSES, "N", "meta-class (proxy index) per sample; random when absent").asOptional());
    }
}
