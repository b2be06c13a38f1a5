package io.contrast4j.trainer.data;

import io.contrast4j.nn.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines input: one JSON object per line (blank lines skipped), strict UTF-8, parsed with
 * {@link Json} (via {@link JsonInput}). The pairs/triplets format is
 * {@code {"query": "...", "positive": "...", "negatives": ["...", ...]}} with {@code negatives}
 * optional (a single {@code "negative": "..."} is accepted too); other keys are ignored.
 * Labelled vectors are {@code {"features": [0.5, 1, ...], "label": 3}}.
 */
public final class Jsonl {
    private Jsonl() {
    }

    /** One parsed line: its 1-based number and object. */
    public record Line(int number, Json.Obj object) {
    }

    /** All objects of {@code file}; DataException for a missing or empty file, invalid UTF-8 or a line that is not a JSON object. */
    public static List<Line> readObjects(Path file) {
        return objects(file.toString(), TextFile.readBytes(file));
    }

    static List<Line> objects(String source, byte[] bytes) {
        List<String> lines = TextFile.decodeLines(source, bytes);
        if (TextFile.allBlank(lines)) throw new DataException(source, 0, "file is empty");
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            out.add(new Line(i + 1, JsonInput.parseObject(source, i + 1, l)));
        }
        return out;
    }

    /** Loads (query, positive[, negatives]) examples. */
    public static List<TextTriplet> loadTriplets(Path file) {
        String source = file.toString();
        List<TextTriplet> out = new ArrayList<>();
        for (Line line : readObjects(file)) {
            Json.Obj o = line.object();
            int n = line.number();
            String q = JsonInput.reqString(o, "query", source, n);
            String p = JsonInput.reqString(o, "positive", source, n);
            List<String> negs = new ArrayList<>();
            String single = JsonInput.optString(o, "negative", source, n);
            if (single != null) negs.add(single);
            Json v = o.get("negatives");
            if (v != null) {
                if (!(v instanceof Json.Arr arr))
                    throw new DataException(source, n, "field \"negatives\" must be an array of strings, got " + JsonInput.typeName(v));
                List<Json> list = arr.elements();
                for (int k = 0; k < list.size(); k++) {
                    if (!(list.get(k) instanceof Json.Str s))
                        throw new DataException(source, n, "negatives[" + k + "] must be a string, got " + JsonInput.typeName(list.get(k)));
                    negs.add(s.value());
                }
            }
            out.add(new TextTriplet(q, p, negs));
        }
        return out;
    }

    /**
     * Loads labelled vectors, one {@code {"features": [numbers...], "label": int}} per line. All
     * vectors must have the length of the first; values must be finite floats; labels non-negative
     * integers; numClasses = largest label + 1. The data set is named after the file.
     */
    public static LabelledDataset loadLabelledVectors(Path file) {
        String source = file.toString();
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int dim = -1, dimLine = 0, maxLabel = -1;
        for (Line line : readObjects(file)) {
            Json.Obj o = line.object();
            int n = line.number();
            Json fv = o.get("features");
            if (fv == null) throw new DataException(source, n, "missing field \"features\"");
            if (!(fv instanceof Json.Arr arr))
                throw new DataException(source, n, "field \"features\" must be an array of numbers, got " + JsonInput.typeName(fv));
            List<Json> list = arr.elements();
            if (dim < 0) {
                if (list.isEmpty()) throw new DataException(source, n, "empty feature vector");
                dim = list.size();
                dimLine = n;
            } else if (list.size() != dim) {
                throw new DataException(source, n, "vector has " + list.size() + " values, expected " + dim + " (set by line " + dimLine + ")");
            }
            float[] row = new float[dim];
            for (int k = 0; k < dim; k++) {
                if (!(list.get(k) instanceof Json.Num num))
                    throw new DataException(source, n, "features[" + k + "] must be a number, got " + JsonInput.typeName(list.get(k)));
                Long exact = JsonInput.exactLong(num);
                float v = exact != null ? exact.floatValue() : (float) num.doubleValue();
                if (!Float.isFinite(v)) throw new DataException(source, n, "features[" + k + "] = " + JsonInput.describe(num) + " is not a finite float");
                row[k] = v;
            }
            Json lv = o.get("label");
            if (lv == null) throw new DataException(source, n, "missing field \"label\"");
            Long l = JsonInput.exactLong(lv);
            if (l == null || l < 0 || l > 1_000_000)
                throw new DataException(source, n, "field \"label\" must be an integer in 0..1000000, got " + JsonInput.describe(lv));
            rows.add(row);
            labels.add(l.intValue());
            maxLabel = Math.max(maxLabel, l.intValue());
        }
        String fileName = file.getFileName() == null ? source : file.getFileName().toString();
        int dot = fileName.indexOf('.');
        return new LabelledDataset(dot > 0 ? fileName.substring(0, dot) : fileName, rows.toArray(new float[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), maxLabel + 1);
    }
}
