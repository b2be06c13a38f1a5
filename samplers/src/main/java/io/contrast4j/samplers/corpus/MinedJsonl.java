package io.contrast4j.samplers.corpus;

import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.JsonParser;
import io.contrast4j.nn.io.JsonWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSONL output of {@code c4j mine}: one line per row, {@code {"query": ..., "positive": ..., "negatives": [...]}}, plus
 * {@code "scores": [...]} and {@code "positive_score"} when requested (teacher scores for L201/L202). Reads lines back
 * with {@link #parseLine}.
 */
public final class MinedJsonl {
    /** One line: texts, and the scores (null when the line carries none). */
    public record Line(String query, String positive, List<String> negatives, Double positiveScore, List<Double> scores) {
    }

    private MinedJsonl() {
    }

    /** One JSON line (no newline). */
    public static String line(String query, String positive, List<String> negatives, Double positiveScore, double[] scores) {
        if (query == null) throw new IllegalArgumentException("query must not be null");
        if (positive == null) throw new IllegalArgumentException("positive must not be null");
        if (scores != null && scores.length != negatives.size()) {
            throw new IllegalArgumentException("scores has " + scores.length + " entries for " + negatives.size() + " negatives");
        }
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("query", new Json.Str(query));
        m.put("positive", new Json.Str(positive));
        List<Json> negs = new ArrayList<>();
        for (String n : negatives) negs.add(new Json.Str(n));
        m.put("negatives", new Json.Arr(negs));
        if (positiveScore != null) m.put("positive_score", Json.Num.of(positiveScore));
        if (scores != null) {
            List<Json> s = new ArrayList<>();
            for (double v : scores) s.add(Json.Num.of(v));
            m.put("scores", new Json.Arr(s));
        }
        return JsonWriter.write(new Json.Obj(m));
    }

    /**
     * Writes every row of {@code mined} as a line: row i's query text is {@code queries.get(i)}, its positive
     * {@code corpus.get(positives[i])}, its negatives the corpus texts of the mined ids. Calls {@code progress} after
     * each line. Returns the number of lines written.
     */
    public static int write(Writer out, List<String> queries, List<String> corpus, int[] positives, MinedNegatives mined,
                            boolean withScores, MiningProgress progress) {
        int n = mined.rows();
        if (queries.size() != n) throw new IllegalArgumentException("queries has " + queries.size() + " rows, mined has " + n);
        if (positives.length != n) throw new IllegalArgumentException("positives has " + positives.length + " rows, mined has " + n);
        MiningProgress p = progress == null ? MiningProgress.NONE : progress;
        try {
            for (int i = 0; i < n; i++) {
                List<String> negs = new ArrayList<>();
                for (int id : mined.ids()[i]) negs.add(corpus.get(id));
                out.write(line(queries.get(i), corpus.get(positives[i]), negs,
                        withScores ? mined.positiveScores()[i] : null, withScores ? mined.scores()[i] : null));
                out.write('\n');
                p.progress(i + 1, n);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing mined negatives: " + e.getMessage(), e);
        }
        return n;
    }

    /** Parses one line; errors name the missing or mistyped field. */
    public static Line parseLine(String text) {
        Json j = JsonParser.parse(text);
        if (!(j instanceof Json.Obj o)) throw new IllegalArgumentException("mined line is not a JSON object");
        String q = str(o, "query"), p = str(o, "positive");
        if (!(o.members().get("negatives") instanceof Json.Arr arr)) throw new IllegalArgumentException("mined line: 'negatives' must be an array");
        List<String> negs = new ArrayList<>();
        for (Json e : arr.elements()) {
            if (!(e instanceof Json.Str s)) throw new IllegalArgumentException("mined line: 'negatives' must hold strings");
            negs.add(s.value());
        }
        Double ps = o.members().get("positive_score") instanceof Json.Num num ? num.doubleValue() : null;
        List<Double> scores = null;
        if (o.members().get("scores") instanceof Json.Arr sa) {
            scores = new ArrayList<>();
            for (Json e : sa.elements()) {
                if (!(e instanceof Json.Num num)) throw new IllegalArgumentException("mined line: 'scores' must hold numbers");
                scores.add(num.doubleValue());
            }
        }
        return new Line(q, p, negs, ps, scores);
    }

    private static String str(Json.Obj o, String key) {
        if (!(o.members().get(key) instanceof Json.Str s)) throw new IllegalArgumentException("mined line: '" + key + "' must be a string");
        return s.value();
    }
}
