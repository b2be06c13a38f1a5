package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.linalg.SymmetricEigen;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;
import java.util.TreeMap;

/**
 * M11 · Neural-collapse metrics (Papyan, Han &amp; Donoho 2020; as used by <i>Neural Collapse in Deep Linear Networks</i>
 * and <i>Mixup's Influence on Neural Collapse</i>). With class means μ_c, global mean μ_G (mean of all features),
 * Σ_W = (1/N) Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ, Σ_B = (1/C) Σ_c (μ_c − μ_G)(μ_c − μ_G)ᵀ, M = rows μ_c − μ_G:
 * <ul>
 * <li>{@code nc1} = tr(Σ_W Σ_B⁺)/C (Σ_B⁺ by eigen-decomposition, eigenvalues ≤ 1e-10·max dropped);</li>
 * <li>{@code nc2_norm_cv} = std/mean of ‖μ_c − μ_G‖ (equinorm); {@code nc2_cos_shift} = mean over c≠c' of
 * |cos(μ_c − μ_G, μ_c' − μ_G) + 1/(C−1)| (equiangularity); {@code nc2_cos_std} = std of those cosines;</li>
 * <li>{@code nc3} = ‖W/‖W‖_F − M/‖M‖_F‖²_F (classifier rows vs centred means; needs weights);</li>
 * <li>{@code nc4_agreement} = fraction of samples where argmax_c (w_cᵀh + b_c) equals the nearest class mean
 * (needs weights).</li>
 * </ul>
 * Classes are the distinct labels present (C of them; with weights, label c is row c). C &lt; 2: NC values NaN.
 * Accepts {@link FeaturesWithClassifier} or {@link LabelledEmbeddings} (no NC3/NC4). No parameters.
 */
public final class NeuralCollapse extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M11", "Neural-collapse metrics (NC1-NC4)", "evaluation", "T2",
            "Papyan, Han & Donoho 2020; Neural Collapse in Deep Linear Networks (s001); Mixup's Influence on Neural Collapse (s000)",
            "NC1 = tr(S_W S_B^+)/C; NC2 equinorm/equiangle; NC3 = ||W/||W|| - M/||M|| ||^2; NC4 = NCC agreement");

    public NeuralCollapse() {
        this(Params.empty());
    }

    public NeuralCollapse(Params params) {
        super(INFO, ParamUtil.defaults(), List.of(Input.floats("features", "N x D", "features"), Input.ints("labels", "N", "labels"),
                Input.floats("weights", "C x D", "classifier weights").asOptional()), List.of(FeaturesWithClassifier.class, LabelledEmbeddings.class), params);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        FeaturesWithClassifier f = switch (input) {
            case FeaturesWithClassifier x -> x;
            case LabelledEmbeddings l -> {
                for (int y : l.labels()) if (y < 0) throw new IllegalArgumentException("labels must be >= 0 for NC metrics");
                yield new FeaturesWithClassifier(l.embeddings(), l.labels(), null, null);
            }
            case null, default -> throw Metric.unsupported(this, input);
        };
        float[][] h = f.features();
        int n = h.length, d = n == 0 ? 0 : h[0].length;
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            double[] s = sums.computeIfAbsent(f.labels()[i], k -> new double[d]);
            counts.merge(f.labels()[i], 1, Integer::sum);
            for (int j = 0; j < d; j++) {
                s[j] += h[i][j];
                g[j] += (double) h[i][j] / n;
            }
        }
        int c = sums.size();
        MetricValues.Builder b = MetricValues.builder();
        if (c < 2) {
            b.put("nc1", Double.NaN).put("nc2_norm_cv", Double.NaN).put("nc2_cos_shift", Double.NaN).put("nc2_cos_std", Double.NaN);
            if (f.weights() != null) b.put("nc3", Double.NaN).put("nc4_agreement", Double.NaN);
            return b.build();
        }
        int[] classes = sums.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[][] mu = new double[c][], m = new double[c][d];
        for (int k = 0; k < c; k++) {
            mu[k] = sums.get(classes[k]).clone();
            for (int j = 0; j < d; j++) {
                mu[k][j] /= counts.get(classes[k]);
                m[k][j] = mu[k][j] - g[j];
            }
        }
        java.util.Map<Integer, Integer> idx = new java.util.HashMap<>();
        for (int k = 0; k < c; k++) idx.put(classes[k], k);
        double[][] sw = new double[d][d], sb = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] mk = mu[idx.get(f.labels()[i])];
            for (int a = 0; a < d; a++) for (int e = 0; e < d; e++) sw[a][e] += (h[i][a] - mk[a]) * (h[i][e] - mk[e]) / n;
        }
        for (int k = 0; k < c; k++) for (int a = 0; a < d; a++) for (int e = 0; e < d; e++) sb[a][e] += m[k][a] * m[k][e] / c;
        SymmetricEigen eig = SymmetricEigen.of(sb);
        double tol = 1e-10 * Math.max(Math.abs(eig.values()[0]), Double.MIN_NORMAL);
        double tr = 0;
        for (int t = 0; t < d; t++) {
            double lam = eig.values()[t];
            if (lam <= tol) continue;
            // v_t^T S_W v_t / lambda_t
            double q = 0;
            for (int a = 0; a < d; a++) for (int e = 0; e < d; e++) q += eig.vectors()[a][t] * sw[a][e] * eig.vectors()[e][t];
            tr += q / lam;
        }
        b.put("nc1", tr / c);
        double[] norms = new double[c];
        for (int k = 0; k < c; k++) norms[k] = Math.sqrt(dot(m[k], m[k]));
        double mean = Stats.mean(norms);
        b.put("nc2_norm_cv", std(norms) / mean);
        double[] cos = new double[c * (c - 1)];
        int t = 0;
        double shift = 0;
        for (int k = 0; k < c; k++) for (int l = 0; l < c; l++) if (k != l) {
            cos[t] = dot(m[k], m[l]) / (norms[k] * norms[l]);
            shift += Math.abs(cos[t] + 1.0 / (c - 1));
            t++;
        }
        b.put("nc2_cos_shift", shift / cos.length).put("nc2_cos_std", std(cos));
        if (f.weights() != null) {
            double wn = 0, mn = 0;
            for (int k = 0; k < c; k++) {
                for (int j = 0; j < d; j++) {
                    wn += (double) f.weights()[classes[k]][j] * f.weights()[classes[k]][j];
                    mn += m[k][j] * m[k][j];
                }
            }
            wn = Math.sqrt(wn);
            mn = Math.sqrt(mn);
            double nc3 = 0;
            for (int k = 0; k < c; k++) for (int j = 0; j < d; j++) {
                double x = f.weights()[classes[k]][j] / wn - m[k][j] / mn;
                nc3 += x * x;
            }
            b.put("nc3", nc3);
            int agree = 0;
            for (int i = 0; i < n; i++) {
                double[] logits = new double[f.weights().length];
                for (int k = 0; k < logits.length; k++) logits[k] = VectorMath.dotD(f.weights()[k], h[i]) + (f.bias() == null ? 0 : f.bias()[k]);
                int pred = Ranking.argmax(logits);
                int near = 0;
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += (h[i][j] - mu[k][j]) * (h[i][j] - mu[k][j]);
                    if (s < best) {
                        best = s;
                        near = classes[k];
                    }
                }
                if (pred == near) agree++;
            }
            b.put("nc4_agreement", (double) agree / n);
        }
        return b.build();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double std(double[] v) {
        double m = Stats.mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }
}
