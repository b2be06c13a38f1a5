package io.contrast4j.nn.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerTest {

    private final Tokenizer tok = new Tokenizer();

    @Test
    void splitsOnPunctuationAndWhitespaceAndLowerCases() {
        assertEquals(List.of("hello", "world", "3", "14"), tok.tokenize("Hello,  World!\t3.14"));
        assertEquals(List.of("mcdonald", "s", "iphone", "xml"), tok.tokenize("McDonald's iPhone XML"));
        assertEquals(List.of(), tok.tokenize(""));
        assertEquals(List.of(), tok.tokenize(" ... !? -- "));
    }

    @Test
    void accentsComposedAndDecomposedGiveTheSameToken() {
        assertEquals(List.of("café", "crème", "brûlée"), tok.tokenize("Café Crème BRÛLÉE"));
        // "e" + COMBINING ACUTE ACCENT is composed by NFKC into U+00E9
        assertEquals(tok.tokenize("caf\u00e9"), tok.tokenize("Cafe\u0301"));
        assertEquals(List.of("caf\u00e9"), tok.tokenize("Cafe\u0301"));
    }

    @Test
    void strasseKeepsSharpS() {
        assertEquals(List.of("straße"), tok.tokenize("Straße"));
        assertEquals(List.of("straße"), tok.tokenize("STRAßE"));
        assertEquals(List.of("strasse"), tok.tokenize("STRASSE"));
    }

    @Test
    void fullWidthFormsAndLigaturesAreNormalised() {
        assertEquals(List.of("abc123"), tok.tokenize("ＡＢＣ１２３"));
        assertEquals(List.of("2024", "年"), tok.tokenize("２０２４年"));
        assertEquals(List.of("finance", "a"), tok.tokenize("ﬁnance 𝐀")); // ligature, mathematical bold A
    }

    @Test
    void cjkIdeographsAreSingleTokensByDefault() {
        assertEquals(List.of("我", "爱", "北", "京", "beijing"), tok.tokenize("我爱北京Beijing"));
        assertEquals(List.of("我爱北京beijing"), new Tokenizer(false, false).tokenize("我爱北京Beijing"));
        // kana are letters but not ideographs: one word
        assertEquals(List.of("ひらがな", "カタカナ"), tok.tokenize("ひらがな、カタカナ"));
        // a CJK extension B ideograph (supplementary plane)
        assertEquals(List.of("a", "\uD840\uDC00", "b"), tok.tokenize("a\uD840\uDC00b"));
    }

    @Test
    void combiningMarksContinueWords() {
        // Devanagari vowel signs (Mc) and virama (Mn) must not split the word
        assertEquals(List.of("हिन्दी", "भाषा"), tok.tokenize("हिन्दी भाषा"));
        // Locale.ROOT lower-casing of U+0130 gives "i" + U+0307: still one word
        assertEquals(List.of("i\u0307stanbul"), tok.tokenize("İstanbul"));
        // a mark with no word before it is a separator
        assertEquals(List.of("a"), tok.tokenize("\u0301 a"));
    }

    @Test
    void apostrophesInsideWordsAreOptional() {
        Tokenizer keep = new Tokenizer(true, true);
        assertEquals(List.of("don't", "l'homme", "rock", "n", "roll"),
                keep.tokenize("Don't L\u2019Homme rock \u2019n\u2019 roll"));
        assertEquals(List.of("don", "t"), tok.tokenize("don't"));
        assertEquals(List.of("dogs"), keep.tokenize("dogs'"));
        assertEquals(List.of("a", "b"), keep.tokenize("a''b"));
    }

    @Test
    void emojiAndSymbolsSeparate() {
        assertEquals(List.of("a", "b", "c"), tok.tokenize("a😀b€c"));
    }

    @Test
    void independentOfDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            // Turkish lower-casing would give a dotless i (U+0131)
            assertEquals(List.of("title", "istanbul"), tok.tokenize("TITLE ISTANBUL"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    private static final String ALPHABET = "abcXYZéÉßÅ中文字ＡＢ１２0189 \t\n.,;!?'’-_😀ﬁ\u0301İひ";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void deterministicIdempotentAndWellFormed(long seed) {
        Random r = new Random(seed);
        int[] cps = ALPHABET.codePoints().toArray();
        for (int iter = 0; iter < 200; iter++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
            String text = sb.toString();
            List<String> a = tok.tokenize(text);
            assertEquals(a, new Tokenizer().tokenize(text), "seed " + seed + " text " + text);
            for (String t : a) {
                assertFalse(t.isEmpty(), "seed " + seed);
                assertTrue(Character.isLetterOrDigit(t.codePointAt(0)), "seed " + seed + " token " + t);
                assertTrue(t.codePoints().noneMatch(Character::isWhitespace), "seed " + seed + " token " + t);
            }
            assertEquals(a, tok.tokenize(String.join(" ", a)), "seed " + seed + " idempotence on " + text);
        }
    }
}
