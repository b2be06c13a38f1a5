package io.contrast4j.trainer.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-query ranked document ids (best first) and graded relevance judgements (qrels: doc id to grade;
 * grade &gt; 0 is relevant, grades &le; 0 and unjudged docs are non-relevant, as in pytrec_eval).
 *
 * @param rankings one array per query, doc ids best first, no duplicates
 * @param qrels    one map per query (may be empty: such a query is excluded from the means, as in ST)
 * @param weights  optional per-query weights for the mean (e.g. inverse training frequency); {@code null} = uniform
 */
public record RankedRetrieval(List<int[]> rankings, List<Map<Integer, Integer>> qrels, double[] weights) implements MetricInput {
    public RankedRetrieval {
        Check.noNulls("rankings", rankings);
        Check.noNulls("qrels", qrels);
        Check.sameLength("rankings", rankings.size(), "qrels", qrels.size());
        for (int q = 0; q < rankings.size(); q++) {
            Set<Integer> seen = new HashSet<>();
            for (int d : rankings.get(q)) {
                if (!seen.add(d)) throw new IllegalArgumentException("rankings.get(" + q + ") lists doc " + d + " twice");
            }
            for (Map.Entry<Integer, Integer> e : qrels.get(q).entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("qrels.get(" + q + ") has a null key or grade");
            }
        }
        if (weights != null) {
            Check.finite("weights", weights);
            Check.sameLength("weights", weights.length, "rankings", rankings.size());
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] < 0) throw new IllegalArgumentException("weights[" + i + "] is negative: " + weights[i]);
            }
        }
        rankings = List.copyOf(rankings);
        qrels = List.copyOf(qrels);
    }

    public RankedRetrieval(List<int[]> rankings, List<Map<Integer, Integer>> qrels) {
        this(rankings, qrels, null);
    }

    public int queries() {
        return rankings.size();
    }

    /**
     * Ranks documents by score (Q x C, higher = better; column = doc id), keeping the top {@code depth}.
     * Ties are broken by the lower doc id (ST uses {@code torch.topk}, whose tie order is unspecified;
     * trec_eval breaks ties by doc name).
     */
    public static RankedRetrieval fromScores(double[][] scores, List<Map<Integer, Integer>> qrels, int depth) {
        Check.finite("scores", scores);
        Check.positive("depth", depth);
        List<int[]> r = new ArrayList<>(scores.length);
        for (double[] row : scores) {
            int[] order = Ranking.orderDesc(row);
            r.add(order.length > depth ? java.util.Arrays.copyOf(order, depth) : order);
        }
        return new RankedRetrieval(r, qrels, null);
    }
}
