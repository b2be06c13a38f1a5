package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * M07 · The other sentence-transformers evaluators, one per input kind:
 * <ul>
 * <li>{@link ParaphraseCandidates} ({@code ParaphraseMiningEvaluator}): mine, for every sentence, its {@code top_k} cosine
 * neighbours; de-duplicate the pairs, sort by cosine descending (ties by lower (i, j)), keep {@code max_pairs}; walk the
 * list: at each gold pair, P = correct/extracted, R = correct/|gold|; {@code average_precision} = Σ P at gold pairs /
 * |gold|; best {@code f1} with its {@code precision}, {@code recall} and {@code threshold} (midpoint to the next score).</li>
 * <li>{@link AlignedEmbeddings} ({@code TranslationEvaluator}, {@code MSEEvaluator}): {@code src2trg_accuracy} = fraction of
 * i whose cosine-argmax target is i (ties by lower index), {@code trg2src_accuracy} likewise, {@code accuracy} = their
 * mean (primary); {@code mse} = mean over all entries of (source − target)² (ST reports −100·mse).</li>
 * <li>{@link ClassScores} ({@code LabelAccuracyEvaluator}): {@code accuracy} of argmax (ties by lower index).</li>
 * <li>{@link RetrievalRuns} (sparse {@code ReciprocalRankFusionEvaluator}): fuse the runs with
 * score(d) = Σ_r 1/(k + rank_r(d)), 1-based ranks, k = {@code rrf_k}; rank by fused score (ties by lower doc id), then
 * the {@link RetrievalMetrics} (M01, default parameters).</li>
 * <li>{@code SequentialEvaluator}: {@link #sequential(List, String)} combines the primary values (ST default: last).</li>
 * </ul>
 * Sparse* evaluator variants are the same metrics on sparse vectors (densify before calling).
 * Defaults: top_k = 100, max_pairs = 500000, rrf_k = 60.
 */
public final class SentenceTransformersEvaluators extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M07", "Other sentence-transformers evaluators", "evaluation", "T1",
            "sentence-transformers ParaphraseMiningEvaluator, TranslationEvaluator, MSEEvaluator, LabelAccuracyEvaluator, SequentialEvaluator; sparse ReciprocalRankFusionEvaluator",
            "paraphrase P/R/F1/AP over mined pairs; translation argmax accuracy; MSE; label accuracy; RRF score(d) = sum_r 1/(k + rank_r(d))");

    public SentenceTransformersEvaluators() {
        this(Params.empty());
    }

    public SentenceTransformersEvaluators(Params params) {
        super(INFO, ParamUtil.defaults("top_k", "100", "max_pairs", "500000", "rrf_k", "60"),
                List.of(Input.floats("embeddings", "N x D", "sentence embeddings"), Input.ints("gold_pairs", "P x 2", "gold duplicate pairs")),
                List.of(ParaphraseCandidates.class, AlignedEmbeddings.class, ClassScores.class, RetrievalRuns.class), params);
        ParamUtil.positiveInt(p, "top_k");
        ParamUtil.positiveInt(p, "max_pairs");
        ParamUtil.nonNegative(p, "rrf_k");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        return switch (input) {
            case ParaphraseCandidates pc -> paraphrase(pc);
            case AlignedEmbeddings a -> translation(a);
            case ClassScores c -> {
                int ok = 0;
                for (int i = 0; i < c.labels().length; i++) if (Ranking.argmax(c.scores()[i]) == c.labels()[i]) ok++;
                yield MetricValues.builder().put("accuracy", c.labels().length == 0 ? Double.NaN : (double) ok / c.labels().length).build();
            }
            case RetrievalRuns r -> new RetrievalMetrics().compute(new RankedRetrieval(fuse(r.runs(), p.getDouble("rrf_k", 60)), r.qrels()));
            case null, default -> throw Metric.unsupported(this, input);
        };
    }

    private record Pair(int i, int j, double score) {
    }

    private MetricValues paraphrase(ParaphraseCandidates pc) {
        float[][] x = pc.embeddings();
        int[][] nn = ExactKnn.search(x, x, ParamUtil.positiveInt(p, "top_k"), ExactKnn.Kind.COSINE, true);
        Set<Long> seen = new HashSet<>();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < nn.length; i++) {
            for (int j : nn[i]) {
                int a = Math.min(i, j), b = Math.max(i, j);
                if (seen.add(((long) a << 32) | b)) pairs.add(new Pair(a, b, Similarity.COSINE.score(x[a], x[b])));
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair q) -> -q.score()).thenComparingInt(Pair::i).thenComparingInt(Pair::j));
        int max = ParamUtil.positiveInt(p, "max_pairs");
        if (pairs.size() > max) pairs = pairs.subList(0, max);
        Set<Long> gold = new HashSet<>();
        for (int[] g : pc.goldPairs()) gold.add(((long) Math.min(g[0], g[1]) << 32) | Math.max(g[0], g[1]));
        int extracted = 0, correct = 0;
        double ap = 0, bestF1 = 0, bestP = 0, bestR = 0, th = 0;
        for (int idx = 0; idx < pairs.size(); idx++) {
            Pair q = pairs.get(idx);
            extracted++;
            if (gold.contains(((long) q.i() << 32) | q.j())) {
                correct++;
                double prec = (double) correct / extracted, rec = (double) correct / gold.size();
                double f1 = 2 * prec * rec / (prec + rec);
                ap += prec;
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestP = prec;
                    bestR = rec;
                    th = (q.score() + pairs.get(Math.min(idx + 1, pairs.size() - 1)).score()) / 2;
                }
            }
        }
        return MetricValues.builder().put("average_precision", gold.isEmpty() ? Double.NaN : ap / gold.size())
                .put("f1", bestF1).put("precision", bestP).put("recall", bestR).put("threshold", th).build();
    }

    private static MetricValues translation(AlignedEmbeddings a) {
        int n = a.source().length;
        double s2t = argmaxAccuracy(a.source(), a.target()), t2s = argmaxAccuracy(a.target(), a.source());
        double mse = 0;
        long cnt = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < a.source()[i].length; j++) {
                double d = (double) a.source()[i][j] - a.target()[i][j];
                mse += d * d;
                cnt++;
            }
        }
        return MetricValues.builder().put("accuracy", n == 0 ? Double.NaN : (s2t + t2s) / 2).put("src2trg_accuracy", s2t)
                .put("trg2src_accuracy", t2s).put("mse", cnt == 0 ? Double.NaN : mse / cnt).build();
    }

    private static double argmaxAccuracy(float[][] q, float[][] r) {
        if (q.length == 0) return Double.NaN;
        int[][] nn = ExactKnn.search(q, r, 1, ExactKnn.Kind.COSINE, false);
        int ok = 0;
        for (int i = 0; i < q.length; i++) if (nn[i][0] == i) ok++;
        return (double) ok / q.length;
    }

    /** Reciprocal rank fusion of several runs: per query, docs ordered by Σ_r 1/(k + rank_r(d)), ties by lower doc id. */
    public static List<int[]> fuse(List<List<int[]>> runs, double k) {
        int queries = runs.get(0).size();
        List<int[]> out = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            Map<Integer, Double> score = new HashMap<>();
            for (List<int[]> run : runs) {
                int[] r = run.get(q);
                for (int i = 0; i < r.length; i++) score.merge(r[i], 1.0 / (k + i + 1), Double::sum);
            }
            out.add(score.entrySet().stream().sorted((x, y) -> {
                int c = Double.compare(y.getValue(), x.getValue());
                return c != 0 ? c : Integer.compare(x.getKey(), y.getKey());
            }).mapToInt(Map.Entry::getKey).toArray());
        }
        return out;
    }

    /** ST {@code SequentialEvaluator}: combine the primary values with {@code last} (ST default) or {@code mean}. */
    public static double sequential(List<MetricValues> results, String mode) {
        if (results.isEmpty()) throw new IllegalArgumentException("sequential: no results to combine");
        return switch (mode) {
            case "last" -> results.getLast().main();
            case "mean" -> results.stream().mapToDouble(MetricValues::main).average().orElseThrow();
            default -> throw new IllegalArgumentException("sequential mode must be last or mean, got '" + mode + "'");
        };
    }
}
