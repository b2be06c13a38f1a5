package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * M21 · Cheap evaluation-set construction (<i>MMTEB: Massive Multilingual Text Embedding Benchmark</i>; temporal split
 * of ECtHR-PCR). The constructions are static methods; {@link #compute} reports their sizes:
 * <ul>
 * <li>{@link #downsampleCorpus}: corpus = ∪_q (relevant docs of q ∪ top-{@code top_k} hits of every retriever) —
 * from {@link RetrievalRuns}: {@code corpus_size}, {@code hard_negatives} (kept docs that are not relevant).</li>
 * <li>{@link #downsampleTasks}: repeatedly take the kept task best predicted by the others (highest max Spearman
 * correlation of model scores with another kept task) and drop it if the Spearman correlation between the model
 * ranking by mean score over the remaining tasks and over all tasks stays ≥ {@code min_spearman}; stop when no task
 * can be dropped or {@code min_tasks} remain — from {@link TaskScores}: {@code kept_tasks}, {@code spearman_to_full}.</li>
 * <li>{@link #temporalSplit}: items sorted by time; the earliest ⌈{@code train_fraction}·N⌉ train, the rest test, and
 * items sharing the cutoff timestamp all go to train so no test item predates a train item — from {@link Timestamps}:
 * {@code train_size}, {@code test_size}.</li>
 * </ul>
 * Defaults: top_k = 10, min_spearman = 0.95, min_tasks = 1, train_fraction = 0.8. The task-selection rule follows
 * CATALOG.md (formula not verified against the paper).
 */
public final class EvalSetConstruction extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M21", "Cheap evaluation-set construction", "evaluation", "T2",
            "MMTEB: Massive Multilingual Text Embedding Benchmark (s003); ECtHR-PCR temporal split (s003)",
            "corpus = rel u top-k hits; greedy task dropping while spearman(rank_kept, rank_all) >= s; time-ordered split");

    public EvalSetConstruction() {
        this(Params.empty());
    }

    public EvalSetConstruction(Params params) {
        super(INFO, ParamUtil.defaults("top_k", "10", "min_spearman", "0.95", "min_tasks", "1", "train_fraction", "0.8"),
                List.of(Input.ints("runs", "R x Q x K", "retriever rankings"), Input.floats("task_scores", "M x T", "model x task scores").asOptional(),
                        Input.ints("timestamps", "N", "item times").asOptional()),
                List.of(RetrievalRuns.class, TaskScores.class, Timestamps.class), params);
        ParamUtil.positiveInt(p, "top_k");
        Check.unit("min_spearman", Math.abs(p.getDouble("min_spearman", 0.95)));
        ParamUtil.positiveInt(p, "min_tasks");
        Check.unit("train_fraction", p.getDouble("train_fraction", 0.8));
    }

    @Override
    public MetricValues compute(MetricInput input) {
        return switch (input) {
            case RetrievalRuns r -> {
                int[] corpus = downsampleCorpus(r, ParamUtil.positiveInt(p, "top_k"));
                TreeSet<Integer> rel = new TreeSet<>();
                for (Map<Integer, Integer> q : r.qrels()) q.forEach((d, g) -> {
                    if (g > 0) rel.add(d);
                });
                yield MetricValues.builder().put("corpus_size", corpus.length).put("hard_negatives", corpus.length - rel.size()).build();
            }
            case TaskScores t -> {
                int[] kept = downsampleTasks(t.scores(), p.getDouble("min_spearman", 0.95), ParamUtil.positiveInt(p, "min_tasks"));
                yield MetricValues.builder().put("kept_tasks", kept.length).put("spearman_to_full", Stats.spearman(meanOver(t.scores(), kept), meanOver(t.scores(), all(t.scores()[0].length)))).build();
            }
            case Timestamps ts -> {
                Split s = temporalSplit(ts.times(), p.getDouble("train_fraction", 0.8));
                yield MetricValues.builder().put("train_size", s.train().length).put("test_size", s.test().length).build();
            }
            case null, default -> throw Metric.unsupported(this, input);
        };
    }

    /** Sorted doc ids: every relevant doc (grade &gt; 0) of every query and every retriever's top-k hits. */
    public static int[] downsampleCorpus(RetrievalRuns r, int topK) {
        TreeSet<Integer> keep = new TreeSet<>();
        for (Map<Integer, Integer> q : r.qrels()) q.forEach((d, g) -> {
            if (g > 0) keep.add(d);
        });
        for (List<int[]> run : r.runs()) for (int[] ranking : run) for (int i = 0; i < Math.min(topK, ranking.length); i++) keep.add(ranking[i]);
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indices of the tasks kept (ascending). */
    public static int[] downsampleTasks(double[][] scores, double minSpearman, int minTasks) {
        int t = scores[0].length;
        double[] full = meanOver(scores, all(t));
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < t; i++) kept.add(i);
        while (kept.size() > minTasks) {
            List<double[]> cand = new ArrayList<>(); // {task, predictability}
            for (int a : kept) {
                double best = Double.NEGATIVE_INFINITY;
                for (int b : kept) if (a != b) {
                    double s = Stats.spearman(column(scores, a), column(scores, b));
                    if (!Double.isNaN(s)) best = Math.max(best, s);
                }
                cand.add(new double[]{a, best});
            }
            cand.sort((x, y) -> x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[0], y[0]));
            boolean dropped = false;
            for (double[] c : cand) {
                List<Integer> rest = new ArrayList<>(kept);
                rest.remove(Integer.valueOf((int) c[0]));
                double s = Stats.spearman(meanOver(scores, rest.stream().mapToInt(Integer::intValue).toArray()), full);
                if (s >= minSpearman) {
                    kept = rest;
                    dropped = true;
                    break;
                }
            }
            if (!dropped) break;
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Train and test item indices, each in time order. */
    public record Split(int[] train, int[] test) {
    }

    public static Split temporalSplit(long[] times, double trainFraction) {
        int n = times.length;
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) o[i] = i;
        java.util.Arrays.sort(o, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        int cut = (int) Math.ceil(trainFraction * n);
        while (cut > 0 && cut < n && times[o[cut]] == times[o[cut - 1]]) cut++;
        int[] tr = new int[cut], te = new int[n - cut];
        for (int i = 0; i < n; i++) {
            if (i < cut) tr[i] = o[i];
            else te[i - cut] = o[i];
        }
        return new Split(tr, te);
    }

    private static int[] all(int t) {
        int[] a = new int[t];
        for (int i = 0; i < t; i++) a[i] = i;
        return a;
    }

    private static double[] column(double[][] s, int j) {
        double[] c = new double[s.length];
        for (int i = 0; i < s.length; i++) c[i] = s[i][j];
        return c;
    }

    private static double[] meanOver(double[][] s, int[] tasks) {
        double[] m = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            for (int j : tasks) m[i] += s[i][j];
            m[i] /= tasks.length;
        }
        return m;
    }
}
