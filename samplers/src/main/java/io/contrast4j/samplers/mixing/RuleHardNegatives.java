package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S308 · Generated hard negatives, rule-based stand-in for LLM generation (T3; orig. <i>Don't Retrieve, Generate</i>,
 * <i>DocReRank</i>, DeGLA and MMCLIP negatives, which an LLM/VLM writes). Deterministic text perturbations of a
 * positive (or query) that keep its surface but change its meaning:
 * NUMBER_SWAP (first number n → n + 1 + U{0..8}); NEGATION (remove "not"/"n't" after an auxiliary, else insert "not"
 * after the first auxiliary is/are/was/were/can/will/does/do/did/has/have/should/could); ENTITY_SWAP (swap the first two
 * distinct capitalised non-initial words); WORD_SWAP (swap the two longest distinct words); DROP_ANSWER (delete the
 * sentence sharing most words with the query). {@link #generate} tries the kinds in a seeded random order and returns
 * the first that changes the text (null if none applies). Verify with S201/S210 filters.
 */
public final class RuleHardNegatives implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S308", "Generated hard negatives (rule-based stand-in for LLM generation)", "mixing", "T3",
            "Don't Retrieve, Generate (LLM negatives); DocReRank; DeGLA; MMCLIP - rule-based stand-in",
            "number swap | negation flip | entity swap | key-word swap | answer-sentence deletion");

    public enum Kind { NUMBER_SWAP, NEGATION, ENTITY_SWAP, WORD_SWAP, DROP_ANSWER }

    static final Set<String> AUX = Set.of("is", "are", "was", "were", "can", "will", "does", "do", "did", "has", "have", "should", "could");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    /** One perturbation; null when it does not apply to the text. */
    public static String apply(Kind kind, String text, String query, Rng rng) {
        if (text == null) throw new IllegalArgumentException("S308: text must not be null");
        return switch (kind) {
            case NUMBER_SWAP -> numberSwap(text, rng);
            case NEGATION -> negation(text);
            case ENTITY_SWAP -> entitySwap(text);
            case WORD_SWAP -> wordSwap(text);
            case DROP_ANSWER -> dropAnswer(text, query);
        };
    }

    /** A hard negative of {@code text} (query may be null), or null when no rule changes it. */
    public String generate(String text, String query, Rng rng) {
        Kind[] kinds = Kind.values().clone();
        for (int i = kinds.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Kind t = kinds[i];
            kinds[i] = kinds[j];
            kinds[j] = t;
        }
        for (Kind k : kinds) {
            String out = apply(k, text, query, rng);
            if (out != null && !out.equals(text)) return out;
        }
        return null;
    }

    static String numberSwap(String text, Rng rng) {
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) return null;
        long v = Long.parseLong(m.group().length() > 15 ? m.group().substring(0, 15) : m.group());
        return text.substring(0, m.start()) + (v + 1 + rng.nextInt(9)) + text.substring(m.end());
    }

    static String negation(String text) {
        String[] t = text.split(" ", -1);
        for (int i = 0; i < t.length; i++) {
            String w = t[i].toLowerCase(Locale.ROOT);
            if (w.endsWith("n't") && AUX.contains(w.substring(0, w.length() - 3))) {
                t[i] = t[i].substring(0, t[i].length() - 3);
                return String.join(" ", t);
            }
            if (AUX.contains(w) && i + 1 < t.length && t[i + 1].equalsIgnoreCase("not")) {
                List<String> l = new ArrayList<>(Arrays.asList(t));
                l.remove(i + 1);
                return String.join(" ", l);
            }
        }
        for (int i = 0; i < t.length; i++) {
            if (AUX.contains(t[i].toLowerCase(Locale.ROOT))) {
                List<String> l = new ArrayList<>(Arrays.asList(t));
                l.add(i + 1, "not");
                return String.join(" ", l);
            }
        }
        return null;
    }

    static String entitySwap(String text) {
        Matcher m = WORD.matcher(text);
        List<int[]> spans = new ArrayList<>();
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            boolean initial = first || sentenceStart(text, m.start());
            first = false;
            if (!initial && Character.isUpperCase(w.charAt(0))) {
                boolean dup = false;
                for (int[] s : spans) dup |= text.substring(s[0], s[1]).equals(w);
                if (!dup) spans.add(new int[]{m.start(), m.end()});
            }
            if (spans.size() == 2) break;
        }
        if (spans.size() < 2) return null;
        return swap(text, spans.get(0), spans.get(1));
    }

    static String wordSwap(String text) {
        Matcher m = WORD.matcher(text);
        int[] a = null, b = null;
        while (m.find()) {
            int len = m.end() - m.start();
            String w = m.group();
            if (a == null || len > a[1] - a[0]) {
                if (a != null && !text.substring(a[0], a[1]).equals(w)) b = a;
                a = new int[]{m.start(), m.end()};
            } else if ((b == null || len > b[1] - b[0]) && !text.substring(a[0], a[1]).equals(w)) {
                b = new int[]{m.start(), m.end()};
            }
        }
        if (a == null || b == null) return null;
        return a[0] < b[0] ? swap(text, a, b) : swap(text, b, a);
    }

    static String dropAnswer(String text, String query) {
        if (query == null) return null;
        String[] sents = text.split("(?<=[.!?])\\s+");
        if (sents.length < 2) return null;
        Set<String> q = words(query);
        int best = -1, bestOverlap = 0;
        for (int i = 0; i < sents.length; i++) {
            int o = 0;
            for (String w : words(sents[i])) if (q.contains(w)) o++;
            if (o > bestOverlap) {
                bestOverlap = o;
                best = i;
            }
        }
        if (best < 0) return null;
        List<String> keep = new ArrayList<>(Arrays.asList(sents));
        keep.remove(best);
        return String.join(" ", keep);
    }

    static Set<String> words(String s) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    private static boolean sentenceStart(String text, int pos) {
        int i = pos - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        return i < 0 || ".!?".indexOf(text.charAt(i)) >= 0;
    }

    private static String swap(String text, int[] x, int[] y) {
        return text.substring(0, x[0]) + text.substring(y[0], y[1]) + text.substring(x[1], y[0]) + text.substring(x[0], x[1]) + text.substring(y[1]);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("kinds", "number_swap,negation,entity_swap,word_swap,drop_answer");
    }

    @Override
    public List<Input> inputs() {
        return List.of();
    }
}
