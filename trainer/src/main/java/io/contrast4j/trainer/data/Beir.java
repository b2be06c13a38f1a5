package io.contrast4j.trainer.data;

import io.contrast4j.nn.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a retrieval data set in the BEIR layout (Thakur et al., 2021):
 * <pre>
 * dir/corpus.jsonl     {"_id": "d1", "title": "...", "text": "..."}   (title optional)
 * dir/queries.jsonl    {"_id": "q1", "text": "..."}
 * dir/qrels/train.tsv, dir/qrels/dev.tsv, dir/qrels/test.tsv  (any present; or dir/qrels.tsv = test)
 *                      header "query-id corpus-id score", then tab-separated rows, score an integer
 * </pre>
 * A document's text is {@code title + " " + text} when the title is not empty. Ids may be JSON
 * strings or integers. The splits are the queries judged in each qrels file; queries without
 * judgements are kept but in no split. There are no hard negatives. Errors (duplicate ids, a qrel
 * naming an unknown query or document, a duplicate qrel, a non-integer score, a query judged in two
 * splits, ...) are {@link DataException}s with file and line.
 */
public final class Beir {
    private Beir() {
    }

    /** Loads the BEIR folder {@code dir}; the data set is named after the folder. */
    public static RetrievalDataset load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir, 0, Files.exists(dir) ? "is not a directory (expected a BEIR folder)"
                    : "BEIR folder not found (expected corpus.jsonl, queries.jsonl and qrels/)");
        }
        Map<String, String> corpus = new LinkedHashMap<>();
        Path corpusFile = dir.resolve("corpus.jsonl");
        for (Jsonl.Line line : Jsonl.readObjects(corpusFile)) {
            String src = corpusFile.toString();
            String id = id(line, src);
            String title = JsonInput.optString(line.object(), "title", src, line.number());
            String text = JsonInput.reqString(line.object(), "text", src, line.number());
            String doc = title == null || title.isBlank() ? text : title + " " + text;
            if (corpus.putIfAbsent(id, doc) != null)
                throw new DataException(src, line.number(), "duplicate document id \"" + id + "\"");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        Path queriesFile = dir.resolve("queries.jsonl");
        for (Jsonl.Line line : Jsonl.readObjects(queriesFile)) {
            String src = queriesFile.toString();
            String id = id(line, src);
            String text = JsonInput.reqString(line.object(), "text", src, line.number());
            if (queries.putIfAbsent(id, text) != null)
                throw new DataException(src, line.number(), "duplicate query id \"" + id + "\"");
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        Map<String, Split> splitOf = new LinkedHashMap<>();
        Map<Split, List<String>> splits = new LinkedHashMap<>();
        for (Split s : Split.values()) splits.put(s, new ArrayList<>());
        boolean any = false;
        Path qdir = dir.resolve("qrels");
        for (Split s : Split.values()) {
            Path f = qdir.resolve(s.name().toLowerCase(Locale.ROOT) + ".tsv");
            if (Files.isRegularFile(f)) {
                readQrels(f, s, corpus, queries, qrels, splitOf, splits);
                any = true;
            }
        }
        if (!any) {
            Path f = dir.resolve("qrels.tsv");
            if (!Files.isRegularFile(f))
                throw new DataException(dir, 0, "no qrels: expected qrels/train.tsv, qrels/dev.tsv, qrels/test.tsv or qrels.tsv");
            readQrels(f, Split.TEST, corpus, queries, qrels, splitOf, splits);
        }
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return new RetrievalDataset(name, corpus, queries, qrels, Map.of(),
                splits.get(Split.TRAIN), splits.get(Split.DEV), splits.get(Split.TEST));
    }

    private static String id(Jsonl.Line line, String src) {
        Json v = line.object().get("_id");
        if (v == null) throw new DataException(src, line.number(), "missing field \"_id\"");
        if (v instanceof Json.Str s) {
            if (s.value().isEmpty()) throw new DataException(src, line.number(), "empty \"_id\"");
            return s.value();
        }
        Long l = JsonInput.exactLong(v);
        if (l != null) return Long.toString(l);
        throw new DataException(src, line.number(), "field \"_id\" must be a string or an integer, got " + JsonInput.typeName(v));
    }

    private static void readQrels(Path file, Split split, Map<String, String> corpus, Map<String, String> queries,
                                  Map<String, Map<String, Integer>> qrels, Map<String, Split> splitOf, Map<Split, List<String>> splits) {
        String src = file.toString();
        List<String> lines = TextFile.readLines(file);
        if (TextFile.allBlank(lines)) throw new DataException(src, 0, "file is empty");
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            int n = i + 1;
            String[] f = l.indexOf('\t') >= 0 ? l.split("\t", -1) : l.strip().split("\\s+");
            for (int k = 0; k < f.length; k++) f[k] = f[k].strip();
            if (first) {
                first = false;
                if (f.length == 3 && f[0].equalsIgnoreCase("query-id") && f[1].equalsIgnoreCase("corpus-id")
                        && f[2].equalsIgnoreCase("score")) continue;
            }
            if (f.length != 3)
                throw new DataException(src, n, "expected 3 tab-separated columns (query-id, corpus-id, score), got " + f.length);
            String qid = f[0], did = f[1];
            int score;
            try {
                score = Integer.parseInt(f[2].startsWith("+") ? f[2].substring(1) : f[2]);
            } catch (NumberFormatException e) {
                throw new DataException(src, n, "score '" + clip(f[2]) + "' is not an integer");
            }
            if (!queries.containsKey(qid))
                throw new DataException(src, n, "query id \"" + clip(qid) + "\" is not in queries.jsonl");
            if (!corpus.containsKey(did))
                throw new DataException(src, n, "corpus id \"" + clip(did) + "\" is not in corpus.jsonl");
            Split prev = splitOf.putIfAbsent(qid, split);
            if (prev == null) splits.get(split).add(qid);
            else if (prev != split)
                throw new DataException(src, n, "query id \"" + clip(qid) + "\" is already judged in the " + prev.name().toLowerCase(Locale.ROOT) + " qrels");
            Map<String, Integer> m = qrels.computeIfAbsent(qid, k -> new LinkedHashMap<>());
            if (m.putIfAbsent(did, score) != null)
                throw new DataException(src, n, "duplicate qrel for query \"" + clip(qid) + "\" and document \"" + clip(did) + "\"");
        }
    }

    private static String clip(String s) {
        StringBuilder sb = new StringBuilder();
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
