package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M09 · Alignment, uniformity (Wang &amp; Isola 2020, <i>Understanding Contrastive Representation Learning through
 * Alignment and Uniformity on the Hypersphere</i>) and tolerance (Wang &amp; Liu 2021, <i>Understanding the Behaviour of
 * Contrastive Loss</i>), on L2-normalised embeddings by default:
 * alignment = E_pos ‖z_i − z_i⁺‖^α; uniformity = log E_{i&lt;j} e^{−t‖z_i − z_j‖²} (over distinct pairs, as
 * {@code torch.pdist}); tolerance = E_{i≠j, y_i=y_j} z_iᵀz_j.
 * From {@link AlignedEmbeddings} (positive pairs): {@code alignment} and {@code uniformity} = mean of the two sides'
 * uniformities (Wang &amp; Isola's training objective). From {@link LabelledEmbeddings}: {@code uniformity} and
 * {@code tolerance} (NaN without a same-label pair). Fewer than 2 points: uniformity NaN.
 * Defaults: alpha = 2, t = 2, normalize = true.
 */
public final class AlignmentUniformity extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M09", "Alignment, uniformity and tolerance", "evaluation", "T2",
            "Wang & Isola 2020 (alignment/uniformity); Wang & Liu 2021, Understanding the Behaviour of Contrastive Loss (tolerance)",
            "align = E||z-z+||^a; unif = log E exp(-t||z_i-z_j||^2); tol = E_{y_i=y_j} z_i.z_j");

    public AlignmentUniformity() {
        this(Params.empty());
    }

    public AlignmentUniformity(Params params) {
        super(INFO, ParamUtil.defaults("alpha", "2", "t", "2", "normalize", "true"),
                List.of(Input.floats("embeddings", "N x D", "embeddings"), Input.ints("labels", "N", "labels (for tolerance)").asOptional()),
                List.of(AlignedEmbeddings.class, LabelledEmbeddings.class), params);
        p.getPositive("alpha", 2);
        p.getPositive("t", 2);
        p.getBoolean("normalize", true);
    }

    private float[][] prep(float[][] x) {
        return p.getBoolean("normalize", true) ? VectorMath.normalizeRows(x) : x;
    }

    @Override
    public MetricValues compute(MetricInput input) {
        double t = p.getPositive("t", 2);
        return switch (input) {
            case AlignedEmbeddings a -> {
                float[][] x = prep(a.source()), y = prep(a.target());
                double alpha = p.getPositive("alpha", 2), s = 0;
                for (int i = 0; i < x.length; i++) s += Math.pow(Math.sqrt(sq(x[i], y[i])), alpha);
                yield MetricValues.builder().put("alignment", x.length == 0 ? Double.NaN : s / x.length)
                        .put("uniformity", (uniformity(x, t) + uniformity(y, t)) / 2).build();
            }
            case LabelledEmbeddings e -> {
                float[][] x = prep(e.embeddings());
                double s = 0;
                long c = 0;
                for (int i = 0; i < x.length; i++) for (int j = 0; j < x.length; j++) {
                    if (i != j && e.labels()[i] == e.labels()[j]) {
                        s += VectorMath.dotD(x[i], x[j]);
                        c++;
                    }
                }
                yield MetricValues.builder().put("uniformity", uniformity(x, t)).put("tolerance", c == 0 ? Double.NaN : s / c).build();
            }
            case null, default -> throw Metric.unsupported(this, input);
        };
    }

    /** log of the mean over distinct pairs of exp(−t‖x_i − x_j‖²), computed with a max shift. */
    public static double uniformity(float[][] x, double t) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double[] v = new double[n * (n - 1) / 2];
        int k = 0;
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) {
            v[k] = -t * sq(x[i], x[j]);
            m = Math.max(m, v[k++]);
        }
        double s = 0;
        for (double e : v) s += Math.exp(e - m);
        return m + Math.log(s / v.length);
    }

    static double sq(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
