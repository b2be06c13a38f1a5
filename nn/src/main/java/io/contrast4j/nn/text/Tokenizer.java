package io.contrast4j.nn.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Deterministic, Unicode-aware word tokenizer (the "basic tokenizer" of E03/E04 in CATALOG.md).
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>Unicode NFKC normalisation ({@link Normalizer.Form#NFKC}): full-width forms become ASCII
 *       ("１２３" → "123", "ＡＢＣ" → "ABC"), ligatures are split ("ﬁ" → "fi"), decomposed accents are
 *       composed ("e" + U+0301 → "é").</li>
 *   <li>Lower-casing with {@link Locale#ROOT} (never the default locale, so a Turkish JVM gives the same
 *       result). "Straße" → "straße" ({@code toLowerCase} keeps ß; no case folding to "ss").</li>
 *   <li>Splitting into words: a word is a maximal run of code points for which
 *       {@link Character#isLetterOrDigit(int)} holds. Combining marks (categories Mn, Mc, Me) directly
 *       following a word character continue the word: without this, Devanagari vowel signs or the
 *       U+0307 produced by lower-casing "İ" would cut words apart. Every other code point separates words
 *       and is dropped; empty words are dropped.</li>
 *   <li>Optional: an apostrophe (U+0027 or U+2019) with a word character on both sides is kept inside the
 *       word and written as U+0027 ("don't", "l'homme"). Off by default.</li>
 *   <li>Optional (on by default, as in BERT's basic tokenizer): each CJK ideograph becomes a word of its own,
 *       since those scripts do not separate words with spaces.</li>
 * </ol>
 *
 * <p>The result depends only on the input and the Unicode tables of the JDK (Unicode 16 in JDK 25): the
 * same input gives the same tokens on every platform, locale and default charset. Instances are immutable
 * and thread-safe.
 */
public final class Tokenizer {

    private final boolean keepInnerApostrophes;
    private final boolean splitCjkIdeographs;

    /** Default tokenizer: apostrophes split words, CJK ideographs are single tokens. */
    public Tokenizer() {
        this(false, true);
    }

    /**
     * @param keepInnerApostrophes keep an apostrophe that has a word character on both sides
     * @param splitCjkIdeographs   emit every CJK ideograph as a token of its own
     */
    public Tokenizer(boolean keepInnerApostrophes, boolean splitCjkIdeographs) {
        this.keepInnerApostrophes = keepInnerApostrophes;
        this.splitCjkIdeographs = splitCjkIdeographs;
    }

    public boolean keepInnerApostrophes() {
        return keepInnerApostrophes;
    }

    public boolean splitCjkIdeographs() {
        return splitCjkIdeographs;
    }

    /** NFKC normalisation followed by {@link Locale#ROOT} lower-casing (steps 1 and 2). */
    public static String normalize(String text) {
        Objects.requireNonNull(text, "text");
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Tokens of {@code text}, in order; an empty list for text without letters or digits. */
    public List<String> tokenize(String text) {
        String s = normalize(text);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (splitCjkIdeographs && isCjkIdeograph(cp)) {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty() && isCombiningMark(cp)) {
                word.appendCodePoint(cp);
            } else if (keepInnerApostrophes && (cp == '\'' || cp == '\u2019') && !word.isEmpty()
                    && i + len < n && isWordStart(s.codePointAt(i + len))) {
                word.append('\'');
            } else {
                flush(word, out);
            }
            i += len;
        }
        flush(word, out);
        return out;
    }

    private boolean isWordStart(int cp) {
        return Character.isLetterOrDigit(cp) && !(splitCjkIdeographs && isCjkIdeograph(cp));
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isCombiningMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK;
    }

    /** CJK unified ideographs (all extensions) and compatibility ideographs, the set BERT splits. */
    static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x323AF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    @Override
    public String toString() {
        return "Tokenizer[keepInnerApostrophes=" + keepInnerApostrophes
                + ", splitCjkIdeographs=" + splitCjkIdeographs + "]";
    }
}
