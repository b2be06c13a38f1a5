package io.contrast4j.samplers.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class Bm25Test {
    static final List<String> DOCS = List.of(
            "The cat sat on the mat.",   // 6 tokens
            "The dog sat.",              // 3 tokens
            "Cats and dogs!");           // 3 tokens

    /** One term's BM25 contribution written from the formula. */
    static double term(int bigN, int df, int tf, int len, double avgdl, double k1, double b) {
        double idf = Math.log(1 + (bigN - df + 0.5) / (df + 0.5));
        return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl));
    }

    @Test
    void handComputedScoreOnThreeDocCorpus() {
        Bm25 bm25 = new Bm25(DOCS);
        double k1 = 0.9, b = 0.4, avgdl = (6 + 3 + 3) / 3.0;
        assertEquals(avgdl, bm25.averageLength(), 1e-12);
        // query "cat sat": cat in doc 0 only (df 1, tf 1); sat in docs 0 and 1 (df 2)
        double d0 = term(3, 1, 1, 6, avgdl, k1, b) + term(3, 2, 1, 6, avgdl, k1, b);
        double d1 = term(3, 2, 1, 3, avgdl, k1, b);
        assertEquals(d0, bm25.score("cat sat", 0), 1e-12);
        assertEquals(d1, bm25.score("cat sat", 1), 1e-12);
        assertEquals(0, bm25.score("cat sat", 2), 0);
        // "the" occurs twice in doc 0 (tf 2), once in doc 1
        assertEquals(term(3, 2, 2, 6, avgdl, k1, b), bm25.score("THE", 0), 1e-12);
        // a repeated query term counts twice
        assertEquals(2 * term(3, 1, 1, 6, avgdl, k1, b), bm25.score("cat cat", 0), 1e-12);
        // other parameters
        Bm25 classic = new Bm25(DOCS, SimpleTokenizer.INSTANCE, 1.2, 0.75);
        assertEquals(term(3, 2, 1, 3, avgdl, 1.2, 0.75), classic.score("sat", 1), 1e-12);

        TopK top = bm25.search("cat sat", 10);
        assertArrayEquals(new int[]{0, 1}, top.ids()[0]); // doc 2 shares no term: not returned
        assertArrayEquals(new float[]{(float) d0, (float) d1}, top.scores()[0]);
        double[] all = bm25.scoreAll("cat sat");
        assertEquals(d0, all[0], 1e-12);
        assertEquals(d1, all[1], 1e-12);
        assertEquals(0, all[2], 0);
    }

    @Test
    void rankingSanity() {
        List<String> docs = List.of(
                "a quick brown fox jumps over the lazy dog",
                "the lazy dog sleeps all day",
                "quantum chromodynamics describes the strong interaction",
                "the dog and the fox",
                "the the the the the",
                "the dog and the fox");
        Bm25 bm25 = new Bm25(docs);
        assertEquals(2, bm25.search("strong quantum interaction", 3).ids()[0][0]);
        // rarer term outweighs a common one: "chromodynamics" (df 1) beats "the" (df 6)
        assertTrue(bm25.score("chromodynamics the", 2) > bm25.score("chromodynamics the", 4));
        // identical docs 3 and 5 tie: lower id first
        TopK fox = bm25.search("fox and", 3);
        assertArrayEquals(new int[]{3, 5, 0}, fox.ids()[0]);
        // exclusions
        TopK ex = bm25.search("fox and", 3, new int[]{3});
        assertArrayEquals(new int[]{5, 0}, ex.ids()[0]);
        // shorter documents win for the same tf (b > 0)
        assertTrue(bm25.score("lazy", 1) > bm25.score("lazy", 0));
        // batched search = single searches
        TopK batch = bm25.search(List.of("lazy dog", "fox"), 2, new int[][]{null, {0}});
        assertArrayEquals(bm25.search("lazy dog", 2).ids()[0], batch.ids()[0]);
        assertArrayEquals(bm25.search("fox", 2, new int[]{0}).ids()[0], batch.ids()[1]);
        assertEquals(0, bm25.search("unknownword", 5).ids()[0].length);
    }

    @Test
    void simpleTokenizer() {
        assertEquals(List.of("hello", "world", "ça", "va", "42", "naïve", "日本語"),
                SimpleTokenizer.INSTANCE.apply("Hello, WORLD! Ça-va 42  naïve\t日本語."));
        assertEquals(List.of(), SimpleTokenizer.INSTANCE.apply(" ,.; "));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Bm25(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Bm25(DOCS, SimpleTokenizer.INSTANCE, -1, 0.4));
        assertThrows(IllegalArgumentException.class, () -> new Bm25(DOCS, SimpleTokenizer.INSTANCE, 0.9, 1.5));
        Bm25 bm25 = new Bm25(DOCS);
        assertThrows(IllegalArgumentException.class, () -> bm25.score("cat", 3));
        assertThrows(IllegalArgumentException.class, () -> bm25.search("cat", 0));
        assertThrows(IllegalArgumentException.class, () -> bm25.search("cat", 2, new int[]{7}));
        assertThrows(IllegalArgumentException.class, () -> bm25.search(List.of("a", "b"), 2, new int[1][]));
    }
}
