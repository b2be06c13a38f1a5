package io.contrast4j.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A gloss-to-synset retrieval data set built from the WordNet 3.0 noun database
 * ({@code data.noun} of the Debian package {@code wordnet-base}, Princeton WordNet licence kept in
 * the file's header). Relevance is derived from the hierarchy, not judged by people.
 *
 * <ul>
 *   <li>Selected synsets: the first {@link Options#maxSynsets()} noun synsets in offset order that
 *       have a hypernym ({@code @} or {@code @i}); 0 = all (82,115 in WordNet 3.0). The data set is
 *       the sub-graph induced by them.</li>
 *   <li>Query (id {@code n<offset>}): the synset's definition, i.e. the gloss without the quoted
 *       example sentences. Synsets with an empty definition get no query.</li>
 *   <li>Document (same id): the lemmas ({@code _} -> space) joined by ", ", then ". " and the example
 *       sentences joined by "; " when there are any.</li>
 *   <li>qrels: 2 for the synset itself, 1 for its direct hypernyms and hyponyms ({@code @ @i ~ ~i})
 *       that are selected.</li>
 *   <li>Hard negatives: co-hyponyms (selected synsets sharing a hypernym), not judged relevant, up to
 *       {@link Options#maxHardNegatives()} per query in a fixed pseudo-random order.</li>
 *   <li>Split by a hash of the offset: dev with probability {@code devFraction}, test with
 *       {@code testFraction}, else train; so a synset stays in its split whatever the limit.</li>
 * </ul>
 */
public final class WordNet {
    /** Where {@code apt-get install -y wordnet-base} puts the database. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/wordnet");
    /** The apt command that installs the database. */
    public static final String INSTALL = "apt-get install -y wordnet-base";

    private static final Pattern EXAMPLE_SEP = Pattern.compile("\"\\s*;\\s*\"");

    private WordNet() {
    }

    /**
     * @param maxSynsets       number of synsets (with a hypernym) to take in offset order; 0 = all
     * @param maxHardNegatives cap on hard negatives per query (0 = none)
     * @param devFraction      share of synsets in the dev split
     * @param testFraction     share of synsets in the test split
     */
    public record Options(int maxSynsets, int maxHardNegatives, double devFraction, double testFraction) {
        public Options {
            if (maxSynsets < 0) throw new IllegalArgumentException("maxSynsets must be >= 0 (0 = all), got " + maxSynsets);
            if (maxHardNegatives < 0) throw new IllegalArgumentException("maxHardNegatives must be >= 0, got " + maxHardNegatives);
            if (!(devFraction >= 0 && testFraction >= 0 && devFraction + testFraction <= 1))
                throw new IllegalArgumentException("devFraction and testFraction must be >= 0 with sum <= 1, got "
                        + devFraction + " and " + testFraction);
        }

        /** 5000 synsets, 20 hard negatives, 10% dev, 10% test: quick to train on. */
        public static Options defaults() {
            return new Options(5000, 20, 0.1, 0.1);
        }

        /** Every noun synset with a hypernym. */
        public static Options full() {
            return defaults().withMaxSynsets(0);
        }

        public Options withMaxSynsets(int n) {
            return new Options(n, maxHardNegatives, devFraction, testFraction);
        }

        public Options withMaxHardNegatives(int n) {
            return new Options(maxSynsets, n, devFraction, testFraction);
        }
    }

    /** One parsed noun synset. */
    public record Synset(long offset, List<String> lemmas, String definition, List<String> examples,
                         long[] hypernyms, long[] hyponyms) {
        /** The id used for both query and document: {@code n} and the 8-digit offset. */
        public String id() {
            return id(offset);
        }

        static String id(long offset) {
            String digits = Long.toString(offset);
            return "n" + "00000000".substring(Math.min(8, digits.length())) + digits;
        }
    }

    /** {@link #load(Path, Options)} from {@link #DEFAULT_DIR} with {@link Options#defaults()}. */
    public static RetrievalDataset load() {
        return load(DEFAULT_DIR, Options.defaults());
    }

    /** Builds the data set from {@code dir/data.noun}. */
    public static RetrievalDataset load(Path dir, Options options) {
        if (!Files.isDirectory(dir)) throw DataException.notInstalled("WordNet", dir, INSTALL);
        Path file = dir.resolve("data.noun");
        if (!Files.exists(file)) throw DataException.notInstalled("WordNet", file, INSTALL);
        List<Synset> synsets = readNouns(file, options.maxSynsets());
        return build(synsets, options, options.maxSynsets() == 0 ? "wordnet-nouns" : "wordnet-nouns-" + synsets.size());
    }

    /**
     * Parses {@code data.noun} (Latin-1). Licence lines (starting with two spaces) are skipped.
     * Stops after {@code limit} synsets that have a hypernym (0 = read all); returns only those.
     */
    public static List<Synset> readNouns(Path file, int limit) {
        String src = file.toString();
        List<Synset> out = new ArrayList<>();
        long lastOffset = -1;
        boolean anyLine = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                anyLine = true;
                if (line.startsWith("  ")) continue;
                Synset s = parseLine(src, lineNo, line);
                if (s.offset() <= lastOffset)
                    throw new DataException(src, lineNo, "synset offset " + s.offset() + " is not greater than the previous " + lastOffset);
                lastOffset = s.offset();
                if (s.hypernyms().length == 0) continue;
                out.add(s);
                if (limit > 0 && out.size() >= limit) break;
            }
        } catch (NoSuchFileException e) {
            throw new DataException(src, 0, "file not found");
        } catch (AccessDeniedException e) {
            throw new DataException(src, 0, "permission denied");
        } catch (IOException e) {
            throw new DataException(src, 0, "cannot read: " + e.getMessage(), e);
        }
        if (!anyLine) throw new DataException(src, 0, "file is empty");
        if (out.isEmpty()) throw new DataException(src, 0, "no noun synset with a hypernym found");
        return out;
    }

    /** Parses one synset line of a WordNet data file. */
    static Synset parseLine(String src, int lineNo, String line) {
        int bar = line.indexOf('|');
        if (bar < 0) throw new DataException(src, lineNo, "missing '|' before the gloss");
        String[] t = tokens(line, bar);
        int k = 0;
        if (t.length < 6) throw new DataException(src, lineNo, "expected at least 6 fields before the gloss, got " + t.length);
        long offset = offset(src, lineNo, t[k++], "synset offset");
        number(src, lineNo, t[k++], 10, "lex_filenum");
        String pos = t[k++];
        if (!pos.equals("n")) throw new DataException(src, lineNo, "synset type '" + pos + "' is not 'n' (expected data.noun)");
        long wCntL = number(src, lineNo, t[k++], 16, "word count");
        if (wCntL < 1) throw new DataException(src, lineNo, "word count is 0");
        if (t.length < k + 2 * wCntL + 1)
            throw new DataException(src, lineNo, "line ends inside the " + wCntL + " words");
        int wCnt = (int) wCntL;
        List<String> lemmas = new ArrayList<>(wCnt);
        for (int w = 0; w < wCnt; w++) {
            String word = t[k++].replace('_', ' ');
            int paren = word.indexOf('(');
            if (paren > 0 && word.endsWith(")")) word = word.substring(0, paren); // adjective markers (a), (p), (ip)
            lemmas.add(word);
            number(src, lineNo, t[k++], 16, "lex_id");
        }
        long pCntL = number(src, lineNo, t[k++], 10, "pointer count");
        if (t.length < k + 4 * pCntL)
            throw new DataException(src, lineNo, "line ends inside the " + pCntL + " pointers");
        int pCnt = (int) pCntL;
        List<Long> hyper = new ArrayList<>();
        List<Long> hypo = new ArrayList<>();
        for (int p = 0; p < pCnt; p++) {
            String sym = t[k++];
            long target = offset(src, lineNo, t[k++], "pointer offset");
            String tpos = t[k++];
            number(src, lineNo, t[k++], 16, "pointer source/target");
            if (!tpos.equals("n")) continue;
            if (sym.equals("@") || sym.equals("@i")) hyper.add(target);
            else if (sym.equals("~") || sym.equals("~i")) hypo.add(target);
        }
        String gloss = line.substring(bar + 1).strip();
        // examples start at the first quote that opens the gloss or follows "; "
        int ex = gloss.startsWith("\"") ? 0 : gloss.indexOf("; \"");
        if (ex > 0) ex += 2;
        String definition;
        List<String> examples = new ArrayList<>();
        if (ex < 0) {
            definition = gloss;
        } else {
            definition = gloss.substring(0, ex).strip();
            String rest = gloss.substring(ex);
            for (String e : EXAMPLE_SEP.split(rest)) {
                String x = e.strip();
                while (x.startsWith("\"")) x = x.substring(1);
                if (x.endsWith(";")) x = x.substring(0, x.length() - 1).strip();
                while (x.endsWith("\"")) x = x.substring(0, x.length() - 1);
                x = x.strip();
                if (!x.isEmpty()) examples.add(x);
            }
        }
        while (definition.endsWith(";")) definition = definition.substring(0, definition.length() - 1).strip();
        return new Synset(offset, List.copyOf(lemmas), definition, List.copyOf(examples),
                hyper.stream().mapToLong(Long::longValue).toArray(), hypo.stream().mapToLong(Long::longValue).toArray());
    }

    /** The space-separated tokens of {@code line[0, end)}. */
    private static String[] tokens(String line, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (line.charAt(i) != ' ' && (i == 0 || line.charAt(i - 1) == ' ')) n++;
        String[] t = new String[n];
        int k = 0, i = 0;
        while (i < end) {
            while (i < end && line.charAt(i) == ' ') i++;
            int st = i;
            while (i < end && line.charAt(i) != ' ') i++;
            if (i > st) t[k++] = line.substring(st, i);
        }
        return t;
    }

    private static long offset(String src, int lineNo, String tok, String what) {
        if (tok.length() > 8) throw new DataException(src, lineNo, what + " '" + tok + "' has more than 8 digits");
        return number(src, lineNo, tok, 10, what);
    }

    private static long number(String src, int lineNo, String tok, int radix, String what) {
        if (tok.isEmpty() || tok.length() > 10)
            throw new DataException(src, lineNo, what + " '" + tok + "' is not a " + (radix == 16 ? "hex " : "") + "number");
        long v = 0;
        for (int i = 0; i < tok.length(); i++) {
            int d = Character.digit(tok.charAt(i), radix);
            if (d < 0 || tok.charAt(i) > 'f')
                throw new DataException(src, lineNo, what + " '" + tok + "' is not a " + (radix == 16 ? "hex " : "") + "number");
            v = v * radix + d;
        }
        return v;
    }

    /** Builds the retrieval data set from parsed synsets (the sub-graph they induce). */
    static RetrievalDataset build(List<Synset> synsets, Options options, String name) {
        Map<Long, Synset> byOffset = new LinkedHashMap<>();
        for (Synset s : synsets) byOffset.put(s.offset(), s);
        Map<String, String> corpus = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        Map<String, List<String>> hardNegatives = new LinkedHashMap<>();
        List<String> train = new ArrayList<>(), dev = new ArrayList<>(), test = new ArrayList<>();

        // hypernym offset -> selected children, for siblings
        Map<Long, List<Long>> children = new HashMap<>();
        for (Synset s : synsets) {
            corpus.put(s.id(), document(s));
            for (long h : s.hypernyms()) children.computeIfAbsent(h, x -> new ArrayList<>()).add(s.offset());
        }
        for (Synset s : synsets) {
            if (s.definition().isEmpty()) continue;
            String qid = s.id();
            queries.put(qid, s.definition());
            Map<String, Integer> rel = new LinkedHashMap<>();
            rel.put(qid, 2);
            for (long h : s.hypernyms()) if (byOffset.containsKey(h)) rel.putIfAbsent(Synset.id(h), 1);
            for (long h : s.hyponyms()) if (byOffset.containsKey(h)) rel.putIfAbsent(Synset.id(h), 1);
            qrels.put(qid, rel);
            if (options.maxHardNegatives() > 0) {
                List<String> negs = siblings(s, children, options.maxHardNegatives());
                if (!negs.isEmpty()) hardNegatives.put(qid, negs);
            }
            double u = (mix(s.offset() ^ 0x5DEECE66DL) >>> 11) * 0x1.0p-53;
            if (u < options.testFraction()) test.add(qid);
            else if (u < options.testFraction() + options.devFraction()) dev.add(qid);
            else train.add(qid);
        }
        return new RetrievalDataset(name, corpus, queries, qrels, hardNegatives, train, dev, test);
    }

    private static final long OFFSET_MASK = (1L << 27) - 1; // offsets have at most 8 decimal digits

    /**
     * Co-hyponyms of {@code s} that are neither {@code s} nor one of its hypernyms/hyponyms, at most
     * {@code max}, ordered by a hash of (s, sibling): a fixed pseudo-random sample.
     */
    private static List<String> siblings(Synset s, Map<Long, List<Long>> children, int max) {
        int n = 0;
        for (long h : s.hypernyms()) n += children.getOrDefault(h, List.of()).size();
        long[] keys = new long[n];
        int k = 0;
        long seed = s.offset() * 0x9E3779B97F4A7C15L;
        for (long h : s.hypernyms()) {
            for (long o : children.getOrDefault(h, List.of())) {
                if (o == s.offset() || contains(s.hypernyms(), o) || contains(s.hyponyms(), o)) continue;
                keys[k++] = (mix(seed + o) & ~OFFSET_MASK) | o;
            }
        }
        Arrays.sort(keys, 0, k);
        List<String> out = new ArrayList<>(Math.min(k, max));
        long prev = -1;
        for (int i = 0; i < k && out.size() < max; i++) {
            if (keys[i] == prev) continue; // same sibling reached through two hypernyms
            prev = keys[i];
            out.add(Synset.id(keys[i] & OFFSET_MASK));
        }
        return out;
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) if (x == v) return true;
        return false;
    }

    /** Document text: lemmas, then example sentences. */
    static String document(Synset s) {
        String lemmas = String.join(", ", s.lemmas());
        return s.examples().isEmpty() ? lemmas : lemmas + ". " + String.join("; ", s.examples());
    }

    /** The split of a synset offset is fixed by this hash (murmur3 fmix64 finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
