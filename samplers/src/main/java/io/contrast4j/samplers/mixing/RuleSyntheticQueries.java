package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S309 · Synthetic queries / positives, rule-based stand-in for LLM augmentation (T3; orig. LLM/MLLM query generation
 * of the listwise-distillation paper, DUQGen, SPN4CIR, <i>Don't Retrieve, Generate</i>, DART). For a document:
 * {@link #titleQuery} (its first sentence, at most {@code max_words} words); {@link #span} (a random contiguous span of
 * {@code span_words} words: inverse cloze); {@link #topIdf} (the k words with the highest tf·idf against a corpus, in
 * document order; idf = ln((N + 1)/(df + 1)) + 1); {@link #templateQuestion} ("what is E?" / "who is E?" over the
 * first capitalised multi-word or non-initial entity E). Lower-cased word tokens. Defaults: max_words 12,
 * span_words 8, k 4.
 */
public final class RuleSyntheticQueries implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S309", "Synthetic queries / positives (rule-based stand-in for LLM augmentation)", "mixing", "T3",
            "LLM query generation (listwise distillation, DUQGen, SPN4CIR, Don't Retrieve Generate) - rule-based stand-in",
            "title/first-sentence query | inverse-cloze span | top-idf terms | template question over entities");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private final int maxWords, spanWords, k;

    public RuleSyntheticQueries(int maxWords, int spanWords, int k) {
        if (maxWords < 1) throw new IllegalArgumentException("S309: parameter 'max_words' must be >= 1, got " + maxWords);
        if (spanWords < 1) throw new IllegalArgumentException("S309: parameter 'span_words' must be >= 1, got " + spanWords);
        if (k < 1) throw new IllegalArgumentException("S309: parameter 'k' must be >= 1, got " + k);
        this.maxWords = maxWords;
        this.spanWords = spanWords;
        this.k = k;
    }

    public RuleSyntheticQueries() {
        this(12, 8, 4);
    }

    static List<String> tokens(String s) {
        if (s == null) throw new IllegalArgumentException("S309: document must not be null");
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    public String titleQuery(String doc) {
        String first = doc.split("(?<=[.!?])\\s+", 2)[0];
        List<String> t = tokens(first);
        return String.join(" ", t.subList(0, Math.min(maxWords, t.size())));
    }

    /** A random contiguous span of min(span_words, |doc|) words. */
    public String span(String doc, Rng rng) {
        List<String> t = tokens(doc);
        if (t.isEmpty()) return "";
        int len = Math.min(spanWords, t.size());
        int start = rng.nextInt(t.size() - len + 1);
        return String.join(" ", t.subList(start, start + len));
    }

    /** The k highest tf·idf words of {@code doc} against {@code corpus}, in first-occurrence order. */
    public String topIdf(String doc, List<String> corpus) {
        if (corpus == null) throw new IllegalArgumentException("S309: corpus must not be null");
        Map<String, Integer> df = new HashMap<>();
        for (String d : corpus) for (String w : new java.util.HashSet<>(tokens(d))) df.merge(w, 1, Integer::sum);
        List<String> t = tokens(doc);
        Map<String, Integer> tf = new LinkedHashMap<>();
        for (String w : t) tf.merge(w, 1, Integer::sum);
        int n = corpus.size();
        List<String> words = new ArrayList<>(tf.keySet());
        Map<String, Double> score = new HashMap<>();
        for (String w : words) score.put(w, tf.get(w) * (Math.log((n + 1.0) / (df.getOrDefault(w, 0) + 1)) + 1));
        List<String> ranked = new ArrayList<>(words);
        ranked.sort(Comparator.comparingDouble((String w) -> -score.get(w)).thenComparingInt(words::indexOf));
        java.util.Set<String> keep = new java.util.HashSet<>(ranked.subList(0, Math.min(k, ranked.size())));
        List<String> out = new ArrayList<>();
        for (String w : words) if (keep.contains(w)) out.add(w);
        return String.join(" ", out);
    }

    /** "what is E?" (or "who is E?" for a two-word capitalised name) over the first entity; null if none. */
    public String templateQuestion(String doc) {
        Matcher m = Pattern.compile("(?<![.!?]\\s)(?<!^)\\b([A-Z][\\p{L}]+(?:\\s+[A-Z][\\p{L}]+)*)").matcher(doc);
        while (m.find()) {
            if (m.start() == 0) continue;
            String e = m.group(1);
            return (e.contains(" ") && e.split("\\s+").length == 2 ? "who is " : "what is ") + e + "?";
        }
        return null;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("max_words", String.valueOf(maxWords));
        m.put("span_words", String.valueOf(spanWords));
        m.put("k", String.valueOf(k));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of();
    }
}
