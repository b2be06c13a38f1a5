package io.contrast4j.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashedNgramFeaturizerTest {

    /** FNV-1a 32 straight from the definition: offset basis 2166136261, prime 16777619, mod 2^32. */
    private static long fnvByHand(byte[] bytes, boolean signExtend) {
        long h = 2166136261L;
        for (byte b : bytes) {
            long v = signExtend ? ((long) b) & 0xFFFFFFFFL : b & 0xFFL;
            h = ((h ^ v) * 16777619L) & 0xFFFFFFFFL;
        }
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fnv1aKnownValues() {
        // published FNV-1a 32 test vectors
        assertEquals(0x811C9DC5, Fnv1a.hash(""));
        assertEquals(0xE40C292C, Fnv1a.hash("a"));
        assertEquals(0xBF9CF968, Fnv1a.hash("foobar"));
        for (String s : List.of("", "a", "foobar", "<wh", "where>", "né", "中文", "😀")) {
            assertEquals(fnvByHand(utf8(s), false), Integer.toUnsignedLong(Fnv1a.hash(s)), s);
            byte[] b = utf8(s);
            assertEquals(fnvByHand(b, true), Integer.toUnsignedLong(Fnv1a.hashSignExtended(b, 0, b.length)), s);
        }
        // ASCII: both variants agree; non-ASCII: fastText's sign extension differs
        byte[] ascii = utf8("hello");
        assertEquals(Fnv1a.hash(ascii, 0, ascii.length), Fnv1a.hashSignExtended(ascii, 0, ascii.length));
        byte[] e = utf8("é");
        assertNotEquals(Fnv1a.hash(e, 0, e.length), Fnv1a.hashSignExtended(e, 0, e.length));
    }

    @Test
    void charNgramsOfWhereListedByHand() {
        List<String> expected = List.of(
                "<wh", "<whe", "<wher", "<where",
                "whe", "wher", "where", "where>",
                "her", "here", "here>",
                "ere", "ere>",
                "re>");
        assertEquals(expected, HashedNgramFeaturizer.charNgrams("where", 3, 6));
        assertEquals(List.of("<wh", "whe", "her", "ere", "re>"), HashedNgramFeaturizer.charNgrams("where", 3, 3));
        // counted in code points, not bytes or chars
        assertEquals(List.of("<né", "<né>", "né>"), HashedNgramFeaturizer.charNgrams("né", 3, 6));
        assertEquals(List.of("<😀>"), HashedNgramFeaturizer.charNgrams("😀", 3, 6));
        // minN = 1: single '<' and '>' are excluded as fastText does
        assertEquals(List.of("<a", "<a>", "a", "a>"), HashedNgramFeaturizer.charNgrams("a", 1, 3));
    }

    @Test
    void wordFeaturesAreFnvBucketsOfTheNgrams() {
        int buckets = 1000;
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(new Tokenizer(), null,
                HashedNgramFeaturizer.Config.defaults().withBuckets(buckets));
        int[] ids = f.wordFeatures("where");
        List<Integer> expected = new ArrayList<>();
        expected.add((int) (fnvByHand(utf8("<where>"), false) % buckets));
        for (String g : List.of("<wh", "<whe", "<wher", "<where", "whe", "wher", "where", "where>",
                "her", "here", "here>", "ere", "ere>", "re>")) {
            expected.add((int) (fnvByHand(utf8(g), false) % buckets));
        }
        assertEquals(expected, Arrays.stream(ids).boxed().toList());
        // short word: "<a>" is both the whole word and the only 3-gram; emitted once
        assertArrayEquals(new int[] {(int) (fnvByHand(utf8("<a>"), false) % buckets)}, f.wordFeatures("a"));
        assertEquals(f.wordFeatures("where")[1], f.bucketOf("<wh"));
    }

    @Test
    void vocabularyWordsComeFirstThenBuckets() {
        Vocabulary v = Vocabulary.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "where"));
        int buckets = 97;
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(new Tokenizer(), v,
                HashedNgramFeaturizer.Config.defaults().withBuckets(buckets));
        assertEquals(6 + 97, f.dimension());
        assertEquals(6, f.bucketBase());
        assertArrayEquals(new int[] {4, 6 + (int) (fnvByHand(utf8("<a>"), false) % buckets)}, f.wordFeatures("a"));
        int[] where = f.wordFeatures("where");
        assertEquals(15, where.length);
        assertEquals(5, where[0]);
        // out-of-vocabulary word: n-grams only
        int[] oov = f.wordFeatures("zz");
        assertArrayEquals(new int[] {6 + (int) (fnvByHand(utf8("<zz"), false) % buckets),
                6 + (int) (fnvByHand(utf8("<zz>"), false) % buckets),
                6 + (int) (fnvByHand(utf8("zz>"), false) % buckets)}, oov);
    }

    @Test
    void fastTextHashOptionSignExtends() {
        int buckets = 2_000_000;
        HashedNgramFeaturizer ft = new HashedNgramFeaturizer(new Tokenizer(), null,
                HashedNgramFeaturizer.Config.defaults().withBuckets(buckets).withFastTextHash(true));
        assertEquals((int) (fnvByHand(utf8("<né"), true) % buckets), ft.bucketOf("<né"));
        assertEquals((int) (fnvByHand(utf8("<ne"), false) % buckets), ft.bucketOf("<ne"));
    }

    @Test
    void wordBigramsFollowFastTextCombination() {
        int buckets = 1 << 18;
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(new Tokenizer(), null,
                HashedNgramFeaturizer.Config.defaults().withBuckets(buckets).withNgrams(3, 0).withWordNgrams(2));
        // maxN = 0: no character n-grams; features = <w1>, <w2>, bigram(w1, w2)
        int[] ids = f.ids("hello world");
        assertEquals(3, ids.length);
        long h1 = (int) fnvByHand(utf8("hello"), false); // int32 sign-extended to 64 bits, as in fastText
        long h2 = (int) fnvByHand(utf8("world"), false);
        long h = h1 * 116049371L + h2;
        assertEquals((int) Long.remainderUnsigned(h, buckets), ids[2]);
        assertEquals((int) (fnvByHand(utf8("<hello>"), false) % buckets), ids[0]);
    }

    @Test
    void batchIsCsrOfSingleTexts() {
        HashedNgramFeaturizer f = new HashedNgramFeaturizer();
        List<String> texts = List.of("The quick brown fox", "", "Straße 中文", "!!!");
        Bag bag = f.batch(texts);
        assertEquals(texts.size() + 1, bag.offsets().length);
        assertEquals(4, bag.batchSize());
        assertNull(bag.weights());
        for (int b = 0; b < texts.size(); b++) {
            assertArrayEquals(f.ids(texts.get(b)), bag.idsOf(b), "text " + b);
        }
        assertEquals(0, bag.length(1));
        assertEquals(0, bag.length(3));
        assertEquals(f.batch(texts), bag);
    }

    @Test
    void perWordWeightsSumToOnePerWord() {
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(new Tokenizer(), null,
                HashedNgramFeaturizer.Config.defaults().withPerWordWeights(true).withWordNgrams(2));
        Bag bag = f.batch(List.of("a tokenizer test", "x"));
        float[] w0 = bag.weightsOf(0);
        double sum = 0;
        for (float w : w0) {
            sum += w;
        }
        assertEquals(3 + 2, sum, 1e-5, "3 words + 2 bigrams of weight 1");
        assertArrayEquals(new float[] {1f}, bag.weightsOf(1));
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 2024})
    void idsStayInRange(long seed) {
        Random r = new Random(seed);
        int buckets = 1 + r.nextInt(5000);
        Vocabulary v = Vocabulary.build(List.of(List.of("alpha", "beta", "gamma")), 1, 100);
        HashedNgramFeaturizer f = new HashedNgramFeaturizer(new Tokenizer(), v,
                HashedNgramFeaturizer.Config.defaults().withBuckets(buckets).withNgrams(1 + r.nextInt(3), 6)
                        .withWordNgrams(1 + r.nextInt(3)));
        String alphabet = "abgmlpht éß中😀 ,";
        int[] cps = alphabet.codePoints().toArray();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
            texts.add(sb.toString());
        }
        texts.add("alpha beta gamma");
        Bag bag = f.batch(texts);
        assertTrue(bag.maxIdExclusive() <= f.dimension(), "seed " + seed);
        for (int id : bag.ids()) {
            assertTrue(id >= 0 && id < f.dimension(), "seed " + seed + " id " + id);
        }
        int[] last = bag.idsOf(texts.size() - 1);
        assertEquals(v.find("alpha"), last[0], "seed " + seed);
    }

    @Test
    void badConfigAndBagAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HashedNgramFeaturizer.Config(0, 3, 6, 1, false, false));
        assertThrows(IllegalArgumentException.class, () -> new HashedNgramFeaturizer.Config(10, 4, 3, 1, false, false));
        assertThrows(IllegalArgumentException.class, () -> new HashedNgramFeaturizer.Config(10, 0, 3, 1, false, false));
        assertThrows(IllegalArgumentException.class, () -> new HashedNgramFeaturizer.Config(10, 3, 6, 0, false, false));
        assertThrows(IllegalArgumentException.class, () -> new Bag(new int[] {1, 2}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Bag(new int[] {1, 2}, new int[] {0, 2, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Bag(new int[] {1}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Bag(new int[] {1}, new int[] {0, 1}, new float[2]));
    }
}
