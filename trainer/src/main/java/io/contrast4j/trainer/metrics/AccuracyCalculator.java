package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * M02 · Metric-learning accuracy calculator, following pytorch-metric-learning {@code AccuracyCalculator} (v2.8.1) and
 * <i>A Metric Learning Reality Check</i> (Musgrave et al., ECCV 2020, §3.2). For a query with R same-label references
 * (the query itself excluded when the queries are their own reference set) and its exact k nearest references
 * (ties by lower index):
 * <ul>
 * <li>{@code precision_at_1} = 1[label of 1st neighbour = query label] (the DML "Recall@1");</li>
 * <li>{@code r_precision} = (same-label among the first R neighbours) / R;</li>
 * <li>{@code mean_average_precision_at_r} = (1/R) Σ_{i≤R} P(i)·rel(i), P(i) = precision over the first i neighbours;</li>
 * <li>{@code mean_average_precision} = Σ_{i≤k} P(i)·rel(i) / (number of same-label among the k) (0 if none);</li>
 * <li>{@code mean_reciprocal_rank} = 1/rank of the first same-label neighbour within k (0 if none);</li>
 * <li>{@code NMI}, {@code AMI}: {@link SimpleKMeans} on the query embeddings with k = number of distinct query labels,
 * scored against the labels with {@link ClusteringScores} (scikit-learn definitions).</li>
 * </ul>
 * Lone queries (R = 0: the only member of their class, or a label absent from the reference set) are excluded from the
 * kNN metrics, as in PML; if no query is valid the kNN metrics are NaN. With k &lt; R the first-R metrics use the
 * first k neighbours (PML truncates the same way).
 * <p>Defaults: {@code k=all} (every reference; also an integer or {@code max_bin_count} = largest reference class size
 * minus self), {@code avg_of_avgs=false} (true: mean over query classes of the per-class means), {@code knn=l2} (PML's
 * FaissKNN is IndexFlatL2; {@code cosine}, {@code dot}), {@code clustering=true}, {@code kmeans_seed=0},
 * {@code kmeans_iterations=100}; primary = MAP@R (MLRC's recommended metric).
 */
public final class AccuracyCalculator implements Metric {
    public static final CatalogInfo INFO = new CatalogInfo("M02", "Metric-learning accuracy calculator", "evaluation", "T1",
            "pytorch-metric-learning AccuracyCalculator; Musgrave et al. 2020, A Metric Learning Reality Check",
            "P@1; R-precision = same-label in top R / R; MAP@R = (1/R) sum_{i<=R} P(i) rel(i); MAP@k; MRR; NMI/AMI of k-means");
    private static final Map<String, String> DEFAULTS = ParamUtil.defaults("k", "all", "avg_of_avgs", "false", "knn", "l2",
            "clustering", "true", "kmeans_seed", "0", "kmeans_iterations", "100");

    private final String k;
    private final boolean avgOfAvgs, clustering;
    private final ExactKnn.Kind knn;
    private final long seed;
    private final int iterations;

    public AccuracyCalculator() {
        this(Params.empty());
    }

    public AccuracyCalculator(Params params) {
        Params p = ParamUtil.resolve(params, DEFAULTS);
        k = p.getString("k", "all");
        if (!k.equals("all") && !k.equals("max_bin_count")) {
            int v = p.getInt("k", 1);
            if (v <= 0) throw new IllegalArgumentException("parameter 'k' must be > 0, 'all' or 'max_bin_count', got " + k);
        }
        avgOfAvgs = p.getBoolean("avg_of_avgs", false);
        clustering = p.getBoolean("clustering", true);
        knn = ExactKnn.Kind.parse(p.getString("knn", "l2"), "knn");
        seed = p.getInt("kmeans_seed", 0);
        iterations = ParamUtil.positiveInt(p, "kmeans_iterations");
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return DEFAULTS;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("embeddings", "N x D", "query embeddings"), Input.ints("labels", "N", "query labels"),
                Input.floats("reference", "M x D", "reference embeddings (default: the queries, leave-one-out)").asOptional(),
                Input.ints("reference_labels", "M", "reference labels").asOptional());
    }

    @Override
    public List<Class<? extends MetricInput>> accepts() {
        return List.of(LabelledEmbeddings.class);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof LabelledEmbeddings e)) throw Metric.unsupported(this, input);
        int[] ql = e.labels(), rl = e.refLabels();
        boolean self = e.selfReference();
        Map<Integer, Integer> refCount = new HashMap<>();
        for (int l : rl) refCount.merge(l, 1, Integer::sum);
        int kk = determineK(rl.length, refCount, self);
        int[][] nn = ExactKnn.search(e.embeddings(), e.ref(), kk, knn, self);

        int n = ql.length;
        double[][] per = new double[5][n];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            int r = refCount.getOrDefault(ql[i], 0) - (self ? 1 : 0);
            if (r <= 0 || nn[i].length == 0) continue;
            valid[i] = true;
            int[] row = nn[i];
            int hits = 0, hitsAtR = 0;
            double apAll = 0, apR = 0, rr = 0;
            for (int j = 0; j < row.length; j++) {
                if (rl[row[j]] != ql[i]) continue;
                hits++;
                double prec = (double) hits / (j + 1);
                apAll += prec;
                if (j < r) {
                    hitsAtR++;
                    apR += prec;
                }
                if (rr == 0) rr = 1.0 / (j + 1);
            }
            per[0][i] = rl[row[0]] == ql[i] ? 1 : 0;
            per[1][i] = (double) hitsAtR / r;
            per[2][i] = apR / r;
            per[3][i] = hits == 0 ? 0 : apAll / hits;
            per[4][i] = rr;
        }
        String[] names = {"precision_at_1", "r_precision", "mean_average_precision_at_r", "mean_average_precision", "mean_reciprocal_rank"};
        MetricValues.Builder b = MetricValues.builder().primary("mean_average_precision_at_r");
        for (int m = 0; m < names.length; m++) b.put(names[m], average(per[m], valid, ql));
        if (clustering) {
            int classes = (int) java.util.Arrays.stream(ql).distinct().count();
            if (n == 0) {
                b.put("NMI", Double.NaN).put("AMI", Double.NaN);
            } else {
                int[] clusters = SimpleKMeans.cluster(e.embeddings(), classes, seed, iterations);
                b.put("NMI", ClusteringScores.nmi(ql, clusters)).put("AMI", ClusteringScores.ami(ql, clusters));
            }
        }
        return b.build();
    }

    private int determineK(int refSize, Map<Integer, Integer> refCount, boolean self) {
        int s = self ? 1 : 0;
        return switch (k) {
            case "all" -> Math.max(0, refSize - s);
            case "max_bin_count" -> Math.max(0, refCount.values().stream().mapToInt(Integer::intValue).max().orElse(0) - s);
            default -> Integer.parseInt(k);
        };
    }

    private double average(double[] v, boolean[] valid, int[] labels) {
        if (!avgOfAvgs) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < v.length; i++) if (valid[i]) {
                s += v[i];
                c++;
            }
            return c == 0 ? Double.NaN : s / c;
        }
        TreeMap<Integer, double[]> byClass = new TreeMap<>();
        for (int i = 0; i < v.length; i++) if (valid[i]) {
            double[] acc = byClass.computeIfAbsent(labels[i], x -> new double[2]);
            acc[0] += v[i];
            acc[1]++;
        }
        if (byClass.isEmpty()) return Double.NaN;
        double s = 0;
        for (double[] acc : byClass.values()) s += acc[0] / acc[1];
        return s / byClass.size();
    }
}
