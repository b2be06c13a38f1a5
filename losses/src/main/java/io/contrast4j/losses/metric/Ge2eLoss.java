package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
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
 * L026 · GE2E loss — Wan et al., <i>Generalized End-to-End Loss for Speaker Verification</i> (ICASSP 2018).
 * c_k = mean of class k; for a sample's own class the leave-one-out centroid (Σ_k − e)/(n_k − 1);
 * S_{i,k} = w·cos(e_i, c_k) + b with w clamped to ≥ 1e-6. Softmax variant: ℓ_i = −S_{i,y_i} + log Σ_k e^{S_{i,k}};
 * contrast variant: ℓ_i = 1 − σ(S_{i,y_i}) + max_{k≠y_i} σ(S_{i,k}); L = mean_i ℓ_i (as clovaai/voxceleb_trainer
 * {@code loss/ge2e.py}, which averages the cross-entropy). Labels may be any ids; every class needs ≥ 2 samples.
 * w and b are learnable ({@link #parameters()}). Defaults: w₀ = 10, b₀ = −5, softmax.
 */
public final class Ge2eLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L026", "GE2E loss", "metric-learning", "T2",
            "Wan et al. 2018, Generalized End-to-End Loss for Speaker Verification",
            "S = w cos(e, c_k) + b (own class: leave-one-out); softmax: −S_y + LSE_k S; contrast: 1 − σ(S_y) + max σ(S_k≠y)");
    private final Tensor w, b;
    private final boolean contrast;

    public Ge2eLoss(double w0, double b0, boolean contrast, DType dtype) {
        this.w = Tensor.scalar(w0, dtype).requiresGrad(true).label("ge2e_w");
        this.b = Tensor.scalar(b0, dtype).requiresGrad(true).label("ge2e_b");
        this.contrast = contrast;
    }

    public static Ge2eLoss fromParams(Params p) {
        p.checkKnown(Set.of("init_w", "init_b", "variant", "dtype"));
        String v = p.getString("variant", "softmax");
        if (!v.equals("softmax") && !v.equals("contrast")) throw new IllegalArgumentException("parameter 'variant' must be softmax or contrast, got '" + v + "'");
        return new Ge2eLoss(p.getDouble("init_w", 10), p.getDouble("init_b", -5), v.equals("contrast"), MetricOps.dtype(p));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor e = in.embeddings();
        int[] y = in.labels();
        int n = e.dim(0);
        if (y.length != n) throw new IllegalArgumentException(INFO.id() + ": " + n + " embeddings but " + y.length + " labels");
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        int c = classes.length;
        double[] onehot = new double[n * c], cnt = new double[c];
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            yi[i] = Arrays.binarySearch(classes, y[i]);
            onehot[i * c + yi[i]] = 1;
            cnt[yi[i]]++;
        }
        for (int k = 0; k < c; k++) if (cnt[k] < 2) throw new IllegalArgumentException(INFO.id() + ": class " + classes[k] + " has " + (int) cnt[k] + " sample(s); GE2E needs >= 2 per class");
        DType dt = e.dtype();
        Tensor y1 = MetricOps.constant(onehot, dt, n, c);
        double[] inv = new double[c];
        for (int k = 0; k < c; k++) inv[k] = 1 / cnt[k];
        Tensor sums = y1.matmul(e, true, false); // C x D
        Tensor cent = sums.mul(MetricOps.constant(inv, dt, c, 1));
        Tensor cosAll = e.normalize(1).matmul(cent.normalize(1), false, true); // N x C
        double[] invLoo = new double[n];
        for (int i = 0; i < n; i++) invLoo[i] = 1 / (cnt[yi[i]] - 1);
        Tensor loo = y1.matmul(sums).sub(e).mul(MetricOps.constant(invLoo, dt, n, 1));
        Tensor own = PairInputs.cos(e, loo); // N
        Tensor cos = cosAll.mul(y1.affine(-1, 1)).add(y1.mul(own.reshape(n, 1)));
        Tensor ww = w.to(dt).clampMin(1e-6), bb = b.to(dt);
        Tensor s = cos.mul(ww).add(bb);
        Tensor target = s.mul(y1).sum(new int[]{1}, false);
        if (!contrast) return s.logsumexp(1).sub(target).mean();
        Tensor others = Tensor.where(y1.gt(0.0), Tensor.scalar(Double.NEGATIVE_INFINITY, dt), s).max(new int[]{1}, false);
        return target.sigmoid().neg().add(1).add(others.sigmoid()).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(w, b);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("init_w", "10", "init_b", "-5", "variant", "softmax");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings (N classes x M samples)"),
                Input.ints(LossInputs.LABELS, "N", "class (speaker) labels"));
    }
}
