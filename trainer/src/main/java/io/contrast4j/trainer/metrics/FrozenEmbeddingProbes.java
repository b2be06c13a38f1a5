package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;
import java.util.TreeMap;

/**
 * M16 · Frozen-embedding probes: accuracy on the test split of classifiers fitted on the train split.
 * <ul>
 * <li>{@code gnb_accuracy}: Gaussian naive Bayes with class means and a shared diagonal variance (<i>Revisiting
 * Discriminative vs. Generative Classifiers</i>): argmax_c log π_c − Σ_d (x_d − μ_cd)²/(2σ_d²), σ_d² the pooled
 * within-class variance (+ {@code var_smoothing}·max variance, as scikit-learn).</li>
 * <li>{@code logreg_accuracy}: multinomial logistic regression, full-batch gradient descent on mean cross-entropy +
 * (l2/2)‖W‖², zero init, {@code logreg_iterations} steps of {@code logreg_lr}.</li>
 * <li>{@code knn_accuracy}: cosine kNN majority vote of {@code knn_k} neighbours (tie: larger summed similarity, then
 * lower label).</li>
 * <li>{@code transductive_accuracy} (<i>Transductive Few-Shot Learning: Clustering is All You Need?</i>): on
 * L2-normalised features, m_k initialised to support class means, then {@code trans_iterations} rounds of
 * z_i ← softmax_k(−‖f_i − m_k‖²/τ + λ Σ_{j∈kNN(i)} z_jk) for queries (kNN among queries, {@code trans_knn}, cosine),
 * support z fixed one-hot, m_k ← z-weighted means of support and queries. Formula not verified against the paper:
 * follows CATALOG.md.</li>
 * </ul>
 * Test labels unseen in train count as errors. Empty test split: NaN. Defaults: knn_k = 5, logreg_iterations = 300,
 * logreg_lr = 0.5, logreg_l2 = 1e-4, var_smoothing = 1e-9, trans_lambda = 0.5, trans_temperature = 0.1,
 * trans_knn = 3, trans_iterations = 10.
 */
public final class FrozenEmbeddingProbes extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M16", "Frozen-embedding probes", "evaluation", "T2",
            "Revisiting Discriminative vs. Generative Classifiers (s001, s002, s004); Transductive Few-Shot Learning: Clustering is All You Need? (s003)",
            "GNB argmax log pi_c - sum (x-mu_c)^2/(2 s^2); softmax regression; kNN vote; transductive soft k-means");

    public FrozenEmbeddingProbes() {
        this(Params.empty());
    }

    public FrozenEmbeddingProbes(Params params) {
        super(INFO, ParamUtil.defaults("knn_k", "5", "logreg_iterations", "300", "logreg_lr", "0.5", "logreg_l2", "1e-4",
                        "var_smoothing", "1e-9", "trans_lambda", "0.5", "trans_temperature", "0.1", "trans_knn", "3", "trans_iterations", "10"),
                List.of(Input.floats("train", "N x D", "train embeddings"), Input.ints("train_labels", "N", "train labels"),
                        Input.floats("test", "M x D", "test embeddings"), Input.ints("test_labels", "M", "test labels")),
                List.of(ProbeSplit.class), params);
        ParamUtil.positiveInt(p, "knn_k");
        ParamUtil.positiveInt(p, "logreg_iterations");
        p.getPositive("logreg_lr", 0.5);
        ParamUtil.nonNegative(p, "logreg_l2");
        ParamUtil.nonNegative(p, "var_smoothing");
        ParamUtil.nonNegative(p, "trans_lambda");
        p.getPositive("trans_temperature", 0.1);
        ParamUtil.positiveInt(p, "trans_knn");
        ParamUtil.positiveInt(p, "trans_iterations");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof ProbeSplit s)) throw Metric.unsupported(this, input);
        int[] classes = java.util.Arrays.stream(s.trainLabels()).distinct().sorted().toArray();
        return MetricValues.builder().put("gnb_accuracy", accuracy(gnb(s, classes), s.testLabels()))
                .put("logreg_accuracy", accuracy(logreg(s, classes), s.testLabels()))
                .put("knn_accuracy", accuracy(knn(s), s.testLabels()))
                .put("transductive_accuracy", accuracy(transductive(s, classes), s.testLabels())).build();
    }

    private static double accuracy(int[] pred, int[] y) {
        if (y.length == 0) return Double.NaN;
        int ok = 0;
        for (int i = 0; i < y.length; i++) if (pred[i] == y[i]) ok++;
        return (double) ok / y.length;
    }

    private static double[][] means(float[][] x, int[] y, int[] classes, int[] count) {
        int d = x[0].length;
        double[][] mu = new double[classes.length][d];
        for (int i = 0; i < x.length; i++) {
            int k = java.util.Arrays.binarySearch(classes, y[i]);
            count[k]++;
            for (int j = 0; j < d; j++) mu[k][j] += x[i][j];
        }
        for (int k = 0; k < classes.length; k++) for (int j = 0; j < d; j++) mu[k][j] /= count[k];
        return mu;
    }

    private int[] gnb(ProbeSplit s, int[] classes) {
        int d = s.train()[0].length, n = s.train().length;
        int[] cnt = new int[classes.length];
        double[][] mu = means(s.train(), s.trainLabels(), classes, cnt);
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            double[] m = mu[java.util.Arrays.binarySearch(classes, s.trainLabels()[i])];
            for (int j = 0; j < d; j++) var[j] += (s.train()[i][j] - m[j]) * (s.train()[i][j] - m[j]) / n;
        }
        double maxVar = 0;
        for (double v : var) maxVar = Math.max(maxVar, v);
        double eps = ParamUtil.nonNegative(p, "var_smoothing") * maxVar + Double.MIN_NORMAL;
        int[] out = new int[s.test().length];
        for (int i = 0; i < out.length; i++) {
            double[] score = new double[classes.length];
            for (int k = 0; k < classes.length; k++) {
                double v = Math.log((double) cnt[k] / n);
                for (int j = 0; j < d; j++) v -= (s.test()[i][j] - mu[k][j]) * (s.test()[i][j] - mu[k][j]) / (2 * (var[j] + eps));
                score[k] = v;
            }
            out[i] = classes[Ranking.argmax(score)];
        }
        return out;
    }

    private int[] logreg(ProbeSplit s, int[] classes) {
        int d = s.train()[0].length, n = s.train().length, c = classes.length;
        double lr = p.getPositive("logreg_lr", 0.5), l2 = ParamUtil.nonNegative(p, "logreg_l2");
        double[][] w = new double[c][d + 1];
        int[] yk = new int[n];
        for (int i = 0; i < n; i++) yk[i] = java.util.Arrays.binarySearch(classes, s.trainLabels()[i]);
        for (int it = 0; it < ParamUtil.positiveInt(p, "logreg_iterations"); it++) {
            double[][] grad = new double[c][d + 1];
            for (int i = 0; i < n; i++) {
                double[] pr = softmax(w, s.train()[i]);
                pr[yk[i]] -= 1;
                for (int k = 0; k < c; k++) {
                    for (int j = 0; j < d; j++) grad[k][j] += pr[k] * s.train()[i][j] / n;
                    grad[k][d] += pr[k] / n;
                }
            }
            for (int k = 0; k < c; k++) for (int j = 0; j <= d; j++) w[k][j] -= lr * (grad[k][j] + (j < d ? l2 * w[k][j] : 0));
        }
        int[] out = new int[s.test().length];
        for (int i = 0; i < out.length; i++) out[i] = classes[Ranking.argmax(softmax(w, s.test()[i]))];
        return out;
    }

    private static double[] softmax(double[][] w, float[] x) {
        double[] z = new double[w.length];
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            double v = w[k][x.length];
            for (int j = 0; j < x.length; j++) v += w[k][j] * x[j];
            z[k] = v;
            m = Math.max(m, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - m);
        for (int k = 0; k < z.length; k++) z[k] /= sum;
        return z;
    }

    private int[] knn(ProbeSplit s) {
        int k = ParamUtil.positiveInt(p, "knn_k");
        int[][] nn = ExactKnn.search(s.test(), s.train(), k, ExactKnn.Kind.COSINE, false);
        int[] out = new int[nn.length];
        for (int i = 0; i < nn.length; i++) {
            TreeMap<Integer, double[]> votes = new TreeMap<>();
            for (int j : nn[i]) {
                double[] v = votes.computeIfAbsent(s.trainLabels()[j], x -> new double[2]);
                v[0]++;
                v[1] += VectorMath.cosineD(s.test()[i], s.train()[j]);
            }
            int best = 0;
            double[] bv = null;
            for (var e : votes.entrySet()) {
                double[] v = e.getValue();
                if (bv == null || v[0] > bv[0] || (v[0] == bv[0] && v[1] > bv[1])) {
                    bv = v;
                    best = e.getKey();
                }
            }
            out[i] = best;
        }
        return out;
    }

    private int[] transductive(ProbeSplit s, int[] classes) {
        float[][] sup = VectorMath.normalizeRows(s.train()), q = VectorMath.normalizeRows(s.test());
        int c = classes.length, d = sup[0].length, m = q.length;
        if (m == 0) return new int[0];
        int[] cnt = new int[c];
        double[][] mu = means(sup, s.trainLabels(), classes, cnt);
        double lambda = ParamUtil.nonNegative(p, "trans_lambda"), tau = p.getPositive("trans_temperature", 0.1);
        int[][] nn = ExactKnn.search(q, q, ParamUtil.positiveInt(p, "trans_knn"), ExactKnn.Kind.COSINE, true);
        double[][] z = new double[m][c];
        for (int it = 0; it < ParamUtil.positiveInt(p, "trans_iterations"); it++) {
            double[][] nz = new double[m][c];
            for (int i = 0; i < m; i++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    double dist = 0;
                    for (int j = 0; j < d; j++) dist += (q[i][j] - mu[k][j]) * (q[i][j] - mu[k][j]);
                    double lap = 0;
                    for (int nb : nn[i]) lap += z[nb][k];
                    nz[i][k] = -dist / tau + lambda * lap;
                    mx = Math.max(mx, nz[i][k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) sum += nz[i][k] = Math.exp(nz[i][k] - mx);
                for (int k = 0; k < c; k++) nz[i][k] /= sum;
            }
            z = nz;
            double[][] num = new double[c][d];
            double[] den = new double[c];
            for (int i = 0; i < sup.length; i++) {
                int k = java.util.Arrays.binarySearch(classes, s.trainLabels()[i]);
                den[k]++;
                for (int j = 0; j < d; j++) num[k][j] += sup[i][j];
            }
            for (int i = 0; i < m; i++) for (int k = 0; k < c; k++) {
                den[k] += z[i][k];
                for (int j = 0; j < d; j++) num[k][j] += z[i][k] * q[i][j];
            }
            for (int k = 0; k < c; k++) for (int j = 0; j < d; j++) mu[k][j] = num[k][j] / den[k];
        }
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = classes[Ranking.argmax(z[i])];
        return out;
    }
}
