package io.contrast4j.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A text retrieval data set: a corpus (doc id -> text), queries (query id -> text), graded
 * relevance judgements {@code qrels} (query id -> doc id -> grade; higher is more relevant,
 * 0 or less means judged not relevant), optional per-query hard-negative doc ids, and the query
 * ids of the train / dev / test splits.
 *
 * <p>The constructor checks that every id in qrels, hard negatives and splits exists, that no
 * query is in two splits and no hard negative is judged relevant (IllegalArgumentException
 * otherwise), and keeps unmodifiable copies in insertion order.
 */
public record RetrievalDataset(
        String name,
        Map<String, String> corpus,
        Map<String, String> queries,
        Map<String, Map<String, Integer>> qrels,
        Map<String, List<String>> hardNegatives,
        List<String> trainQueries,
        List<String> devQueries,
        List<String> testQueries) {

    public RetrievalDataset {
        Objects.requireNonNull(name, "name");
        corpus = copy(Objects.requireNonNull(corpus, "corpus"));
        queries = copy(Objects.requireNonNull(queries, "queries"));
        Map<String, Map<String, Integer>> q = new LinkedHashMap<>();
        for (var e : Objects.requireNonNull(qrels, "qrels").entrySet()) {
            if (!queries.containsKey(e.getKey()))
                throw new IllegalArgumentException(name + ": qrels name query '" + e.getKey() + "' that is not in the queries");
            for (var d : e.getValue().entrySet()) {
                if (!corpus.containsKey(d.getKey()))
                    throw new IllegalArgumentException(name + ": qrels of query '" + e.getKey() + "' name doc '" + d.getKey() + "' that is not in the corpus");
                Objects.requireNonNull(d.getValue(), "grade");
            }
            q.put(e.getKey(), copy(e.getValue()));
        }
        qrels = Collections.unmodifiableMap(q);
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (var e : Objects.requireNonNull(hardNegatives, "hardNegatives").entrySet()) {
            if (!queries.containsKey(e.getKey()))
                throw new IllegalArgumentException(name + ": hard negatives name query '" + e.getKey() + "' that is not in the queries");
            Map<String, Integer> judged = qrels.getOrDefault(e.getKey(), Map.of());
            for (String d : e.getValue()) {
                if (!corpus.containsKey(d))
                    throw new IllegalArgumentException(name + ": hard negative '" + d + "' of query '" + e.getKey() + "' is not in the corpus");
                if (judged.getOrDefault(d, 0) > 0)
                    throw new IllegalArgumentException(name + ": hard negative '" + d + "' of query '" + e.getKey() + "' is judged relevant");
            }
            h.put(e.getKey(), List.copyOf(e.getValue()));
        }
        hardNegatives = Collections.unmodifiableMap(h);
        Set<String> seen = new HashSet<>();
        trainQueries = checkSplit(name, "train", trainQueries, queries, seen);
        devQueries = checkSplit(name, "dev", devQueries, queries, seen);
        testQueries = checkSplit(name, "test", testQueries, queries, seen);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static List<String> checkSplit(String name, String split, List<String> ids, Map<String, String> queries, Set<String> seen) {
        Objects.requireNonNull(ids, split + "Queries");
        for (String id : ids) {
            if (!queries.containsKey(id))
                throw new IllegalArgumentException(name + ": " + split + " split names query '" + id + "' that is not in the queries");
            if (!seen.add(id))
                throw new IllegalArgumentException(name + ": query '" + id + "' is in two splits (or twice in one)");
        }
        return List.copyOf(ids);
    }

    /** The query ids of {@code split}. */
    public List<String> queryIds(Split split) {
        return switch (split) {
            case TRAIN -> trainQueries;
            case DEV -> devQueries;
            case TEST -> testQueries;
        };
    }

    /** The grade of {@code docId} for {@code queryId}, 0 when not judged. */
    public int relevance(String queryId, String docId) {
        Map<String, Integer> m = qrels.get(queryId);
        return m == null ? 0 : m.getOrDefault(docId, 0);
    }

    /** Hard-negative doc ids of {@code queryId} (empty when none). */
    public List<String> hardNegativesOf(String queryId) {
        return hardNegatives.getOrDefault(queryId, List.of());
    }

    /** Total number of (query, doc) judgements. */
    public int qrelCount() {
        int n = 0;
        for (Map<String, Integer> m : qrels.values()) n += m.size();
        return n;
    }

    /**
     * Training examples of {@code split}: for each query, one triplet per doc with the query's
     * highest positive grade, with up to {@code maxNegatives} of its hard negatives as texts.
     * Queries without a positive judgement are skipped.
     */
    public List<TextTriplet> triplets(Split split, int maxNegatives) {
        if (maxNegatives < 0) throw new IllegalArgumentException("maxNegatives must be >= 0, got " + maxNegatives);
        List<TextTriplet> out = new ArrayList<>();
        for (String qid : queryIds(split)) {
            Map<String, Integer> judged = qrels.getOrDefault(qid, Map.of());
            int best = 0;
            for (int g : judged.values()) best = Math.max(best, g);
            if (best <= 0) continue;
            List<String> negs = new ArrayList<>();
            for (String d : hardNegativesOf(qid)) {
                if (negs.size() >= maxNegatives) break;
                negs.add(corpus.get(d));
            }
            for (var e : judged.entrySet())
                if (e.getValue() == best) out.add(new TextTriplet(queries.get(qid), corpus.get(e.getKey()), negs));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RetrievalDataset[" + name + ", " + corpus.size() + " docs, " + queries.size() + " queries, "
                + qrelCount() + " qrels, splits " + trainQueries.size() + "/" + devQueries.size() + "/" + testQueries.size() + "]";
    }
}
