package io.contrast4j.nn.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * fastText-style text features for an EmbeddingBag (catalog E04; DESIGN's "EmbeddingBag over hashed
 * n-grams").
 *
 * <p>Source: Bojanowski et al., <i>Enriching Word Vectors with Subword Information</i> (2017) and Joulin
 * et al., <i>Bag of Tricks for Efficient Text Classification</i> (2017); details follow fastText's
 * {@code Dictionary::computeSubwords} and {@code addWordNgrams}. A text is
 * <pre>  emb(text) = Σ_f w_f · E[id_f]   (sum, or divided by Σ w_f for the mean)</pre>
 * over its features f: for every token (from {@link Tokenizer}), a word feature and the hashed character
 * n-grams of {@code "<" + word + ">"}; optionally hashed word n-grams.
 *
 * <p>Id layout of the embedding table, {@link #dimension()} rows:
 * <ul>
 *   <li>With a {@link Vocabulary}: ids {@code [0, V)} are vocabulary words (a token that is not in the
 *       vocabulary gets no word feature, only its n-grams, as in fastText); ids {@code [V, V + buckets)}
 *       are hash buckets.</li>
 *   <li>Without: ids {@code [0, buckets)} are all hash buckets; the word feature is the bucket of the whole
 *       {@code "<word>"} string, which therefore is not repeated among the n-grams.</li>
 * </ul>
 * Character n-gram: every substring of {@code "<" + word + ">"} of {@code minN..maxN} code points (single
 * {@code '<'} or {@code '>'} excluded, as fastText does for {@code minN = 1}), in fastText's order (by start
 * position, then length); its id is {@code base + FNV1a32(utf8(ngram)) mod buckets} (hash as unsigned 32
 * bits, see {@link Fnv1a}). Word n-grams ({@code wordNgrams ≥ 2}): for tokens {@code i..i+k-1},
 * {@code h = H(t_i); h = h·116049371 + H(t_j)} in 64-bit arithmetic with the 32-bit word hashes
 * sign-extended, id {@code base + (h mod buckets)} unsigned — fastText's combination.
 *
 * <p>Defaults ({@link Config#defaults()}): buckets 2^18 = 262144 (fastText's is 2,000,000; make it a
 * parameter), minN 3, maxN 6, wordNgrams 1 (no word n-grams), textbook FNV-1a, uniform weights. With
 * {@code fastTextHash = true} the byte hash sign-extends as fastText's C++ does, so bucket ids equal
 * fastText's for the same strings and bucket count. With {@code perWordWeights = true} each word's features
 * share a total weight of 1 (each of its k features weighs 1/k) and word n-gram features weigh 1, so long
 * words do not dominate a mean.
 *
 * <p>Immutable and thread-safe.
 */
public final class HashedNgramFeaturizer {

    /** Multiplier fastText uses to combine word hashes into a word n-gram hash. */
    public static final long WORD_NGRAM_MULTIPLIER = 116049371L;

    /**
     * Featurizer parameters.
     *
     * @param buckets        number of hash buckets (≥ 1)
     * @param minN           shortest character n-gram, in code points (≥ 1)
     * @param maxN           longest character n-gram (0 = no character n-grams, else ≥ minN)
     * @param wordNgrams     longest word n-gram (1 = words only)
     * @param fastTextHash   sign-extend bytes in FNV-1a as fastText does
     * @param perWordWeights emit per-id weights (see the class comment); otherwise weights are null
     */
    public record Config(int buckets, int minN, int maxN, int wordNgrams, boolean fastTextHash,
                         boolean perWordWeights) {
        public Config {
            if (buckets < 1) {
                throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
            }
            if (minN < 1) {
                throw new IllegalArgumentException("minN must be >= 1, got " + minN);
            }
            if (maxN != 0 && maxN < minN) {
                throw new IllegalArgumentException("maxN must be 0 (off) or >= minN=" + minN + ", got " + maxN);
            }
            if (wordNgrams < 1) {
                throw new IllegalArgumentException("wordNgrams must be >= 1, got " + wordNgrams);
            }
        }

        /** buckets 262144, minN 3, maxN 6, wordNgrams 1, textbook hash, uniform weights. */
        public static Config defaults() {
            return new Config(1 << 18, 3, 6, 1, false, false);
        }

        public Config withBuckets(int b) {
            return new Config(b, minN, maxN, wordNgrams, fastTextHash, perWordWeights);
        }

        public Config withNgrams(int min, int max) {
            return new Config(buckets, min, max, wordNgrams, fastTextHash, perWordWeights);
        }

        public Config withWordNgrams(int n) {
            return new Config(buckets, minN, maxN, n, fastTextHash, perWordWeights);
        }

        public Config withFastTextHash(boolean f) {
            return new Config(buckets, minN, maxN, wordNgrams, f, perWordWeights);
        }

        public Config withPerWordWeights(boolean w) {
            return new Config(buckets, minN, maxN, wordNgrams, fastTextHash, w);
        }
    }

    private final Tokenizer tokenizer;
    private final Vocabulary words;
    private final Config config;
    private final int base;

    /**
     * @param tokenizer splits texts into words
     * @param words     word ids, or {@code null} to hash whole words too
     * @param config    parameters
     */
    public HashedNgramFeaturizer(Tokenizer tokenizer, Vocabulary words, Config config) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.config = Objects.requireNonNull(config, "config");
        this.words = words;
        this.base = words == null ? 0 : words.size();
        if ((long) base + config.buckets() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vocabulary size " + base + " + buckets " + config.buckets()
                    + " exceeds Integer.MAX_VALUE");
        }
    }

    /** Default tokenizer, no vocabulary, default config. */
    public HashedNgramFeaturizer() {
        this(new Tokenizer(), null, Config.defaults());
    }

    public Config config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The vocabulary, or null when words are hashed. */
    public Vocabulary vocabulary() {
        return words;
    }

    /** Rows the embedding table needs: vocabulary size (0 without one) + buckets. */
    public int dimension() {
        return base + config.buckets();
    }

    /** First bucket id (= vocabulary size, or 0). */
    public int bucketBase() {
        return base;
    }

    /** Feature ids of one text (tokenized first). */
    public int[] ids(String text) {
        return featurize(text).ids();
    }

    /** Features of one text as a batch of one bag. */
    public Bag featurize(String text) {
        return batch(List.of(text));
    }

    /** Features of a batch of texts in CSR layout: {@code offsets.length == texts.size() + 1}. */
    public Bag batch(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<List<String>> tokenized = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null");
            }
            tokenized.add(tokenizer.tokenize(t));
        }
        return batchTokens(tokenized);
    }

    /** Features of already tokenized texts (tokens used as given, not normalised again). */
    public Bag batchTokens(List<? extends List<String>> texts) {
        IntBuffer ids = new IntBuffer(64);
        FloatBuffer weights = config.perWordWeights() ? new FloatBuffer(64) : null;
        int[] offsets = new int[texts.size() + 1];
        for (int b = 0; b < texts.size(); b++) {
            List<String> tokens = texts.get(b);
            int[] wordHashes = config.wordNgrams() > 1 ? new int[tokens.size()] : null;
            for (int t = 0; t < tokens.size(); t++) {
                String tok = tokens.get(t);
                int before = ids.size;
                appendWord(tok, ids);
                if (weights != null) {
                    int k = ids.size - before;
                    for (int j = 0; j < k; j++) {
                        weights.add(1f / k);
                    }
                }
                if (wordHashes != null) {
                    byte[] u = tok.getBytes(StandardCharsets.UTF_8);
                    wordHashes[t] = hash(u, 0, u.length);
                }
            }
            if (wordHashes != null) {
                for (int i = 0; i < wordHashes.length; i++) {
                    long h = wordHashes[i];
                    for (int j = i + 1; j < wordHashes.length && j < i + config.wordNgrams(); j++) {
                        h = h * WORD_NGRAM_MULTIPLIER + wordHashes[j];
                        ids.add(base + (int) Long.remainderUnsigned(h, config.buckets()));
                        if (weights != null) {
                            weights.add(1f);
                        }
                    }
                }
            }
            offsets[b + 1] = ids.size;
        }
        return new Bag(ids.toArray(), offsets, weights == null ? null : weights.toArray());
    }

    /** Word feature (if any) followed by the character n-gram ids of one token. */
    public int[] wordFeatures(String word) {
        IntBuffer out = new IntBuffer(16);
        appendWord(word, out);
        return out.toArray();
    }

    /** Bucket id (including the vocabulary offset) of an arbitrary string, e.g. one n-gram. */
    public int bucketOf(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        return base + Integer.remainderUnsigned(hash(u, 0, u.length), config.buckets());
    }

    private void appendWord(String word, IntBuffer out) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        byte[] u = ("<" + word + ">").getBytes(StandardCharsets.UTF_8);
        int[] starts = codePointStarts(u);
        int nChars = starts.length - 1;
        boolean hashedWord = words == null;
        if (hashedWord) {
            out.add(base + Integer.remainderUnsigned(hash(u, 0, u.length), config.buckets()));
        } else {
            int id = words.find(word);
            if (id >= 0) {
                out.add(id);
            }
        }
        if (config.maxN() == 0) {
            return;
        }
        for (int i = 0; i < nChars; i++) {
            for (int n = 1; n <= config.maxN() && i + n <= nChars; n++) {
                if (n < config.minN()) {
                    continue;
                }
                if (n == 1 && (i == 0 || i + n == nChars)) {
                    continue;
                }
                if (hashedWord && i == 0 && n == nChars) {
                    continue;
                }
                int from = starts[i];
                int to = starts[i + n];
                out.add(base + Integer.remainderUnsigned(hash(u, from, to - from), config.buckets()));
            }
        }
    }

    private int hash(byte[] b, int off, int len) {
        return config.fastTextHash() ? Fnv1a.hashSignExtended(b, off, len) : Fnv1a.hash(b, off, len);
    }

    /** Byte offsets of each code point in UTF-8 {@code u}, plus {@code u.length} at the end. */
    private static int[] codePointStarts(byte[] u) {
        int[] s = new int[u.length + 1];
        int k = 0;
        for (int i = 0; i < u.length; i++) {
            if ((u[i] & 0xC0) != 0x80) {
                s[k++] = i;
            }
        }
        s[k++] = u.length;
        return Arrays.copyOf(s, k);
    }

    /**
     * The character n-grams of {@code "<" + word + ">"} with {@code minN..maxN} code points, in fastText's
     * order (start position, then length), single {@code '<'}/{@code '>'} excluded. Includes the whole
     * {@code "<word>"} when it is short enough (the hashed-word mode drops that one, see the class comment).
     */
    public static List<String> charNgrams(String word, int minN, int maxN) {
        String w = "<" + word + ">";
        int[] cps = w.codePoints().toArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            for (int n = Math.max(1, minN); n <= maxN && i + n <= cps.length; n++) {
                if (n == 1 && (i == 0 || i + n == cps.length)) {
                    continue;
                }
                out.add(new String(cps, i, n));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "HashedNgramFeaturizer[" + config + ", vocabulary=" + (words == null ? "none" : words.size())
                + ", dimension=" + dimension() + "]";
    }

    private static final class IntBuffer {
        int[] a;
        int size;

        IntBuffer(int cap) {
            a = new int[cap];
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class FloatBuffer {
        float[] a;
        int size;

        FloatBuffer(int cap) {
            a = new float[cap];
        }

        void add(float v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
