package io.contrast4j.nn.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Word-level token vocabulary for the Transformer encoder (E03), word-piece free.
 *
 * <p>Ids 0..3 are the special tokens {@code [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3}; then the corpus words
 * with count ≥ {@code minCount}, most frequent first, ties broken by {@link String#compareTo} (so the
 * vocabulary is a pure function of the corpus), cut to {@code maxSize} entries in all (specials included).
 *
 * <p>File format ({@link #save}/{@link #load}): UTF-8 text, one token per line, line {@code i} (0-based)
 * is the token with id {@code i}, each line ended by {@code '\n'}. The first four lines are the specials.
 * Tokens must be non-empty and must not contain {@code '\n'} or {@code '\r'}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocabulary {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final int CLS_ID = 2;
    public static final int SEP_ID = 3;
    /** Number of special tokens at the start of every vocabulary. */
    public static final int SPECIALS = 4;

    private static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP);

    private final List<String> tokens;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            index.put(tokens.get(i), i);
        }
    }

    /**
     * A vocabulary from an explicit token list, which must start with the four specials in order and
     * contain no duplicate, empty or line-break-containing token.
     */
    public static Vocabulary of(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        validate(tokens, "token list");
        return new Vocabulary(tokens);
    }

    /**
     * Builds a vocabulary from already tokenized texts.
     *
     * @param corpus   token lists (e.g. {@link Tokenizer#tokenize} of each text)
     * @param minCount a word enters only if it occurs at least this often (≥ 1)
     * @param maxSize  total size cap, specials included (≥ 4)
     */
    public static Vocabulary build(Iterable<? extends List<String>> corpus, int minCount, int maxSize) {
        Objects.requireNonNull(corpus, "corpus");
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        if (maxSize < SPECIALS) {
            throw new IllegalArgumentException("maxSize must be >= " + SPECIALS + " (the specials), got " + maxSize);
        }
        Map<String, long[]> counts = new HashMap<>();
        for (List<String> text : corpus) {
            for (String t : text) {
                if (t == null || t.isEmpty() || SPECIAL_TOKENS.contains(t)) {
                    continue;
                }
                if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("token contains a line break: " + quote(t));
                }
                counts.computeIfAbsent(t, k -> new long[1])[0]++;
            }
        }
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue()[0] < minCount);
        entries.sort((a, b) -> {
            int c = Long.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        List<String> tokens = new ArrayList<>(SPECIAL_TOKENS);
        for (int i = 0; i < entries.size() && tokens.size() < maxSize; i++) {
            tokens.add(entries.get(i).getKey());
        }
        return new Vocabulary(tokens);
    }

    /** Tokenizes every text with {@code tokenizer}, then {@link #build(Iterable, int, int)}. */
    public static Vocabulary build(Iterable<String> texts, Tokenizer tokenizer, int minCount, int maxSize) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(tokenizer, "tokenizer");
        List<List<String>> corpus = new ArrayList<>();
        for (String t : texts) {
            corpus.add(tokenizer.tokenize(t));
        }
        return build(corpus, minCount, maxSize);
    }

    public int size() {
        return tokens.size();
    }

    /** Id of {@code token}, or {@link #UNK_ID} when absent. */
    public int id(String token) {
        Integer i = index.get(token);
        return i == null ? UNK_ID : i;
    }

    /** Id of {@code token}, or -1 when absent. */
    public int find(String token) {
        Integer i = index.get(token);
        return i == null ? -1 : i;
    }

    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " out of range [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    /** All tokens, index = id (unmodifiable). */
    public List<String> tokens() {
        return tokens;
    }

    /** Ids of {@code tokens}, unknown tokens mapped to {@link #UNK_ID}. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    /** Writes the vocabulary as UTF-8, one token per line (see the class comment). */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append(t).append('\n');
        }
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vocabulary file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a vocabulary written by {@link #save}. A {@code "\r\n"} line end is accepted. Malformed UTF-8,
     * a missing or misplaced special token, an empty line or a duplicate token is refused with an
     * {@link IllegalArgumentException} naming the file and the line.
     */
    public static Vocabulary load(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary file " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("vocabulary file " + file + ": not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lines.add(line);
            start = end + 1;
        }
        validate(lines, "vocabulary file " + file);
        return new Vocabulary(lines);
    }

    private static void validate(List<String> tokens, String where) {
        if (tokens.size() < SPECIALS) {
            throw new IllegalArgumentException(where + ": has " + tokens.size()
                    + " tokens, needs at least the " + SPECIALS + " specials " + SPECIAL_TOKENS);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String at = where + " line " + (i + 1) + " (id " + i + ")";
            if (t == null || t.isEmpty()) {
                throw new IllegalArgumentException(at + ": empty token");
            }
            if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(at + ": token contains a line break: " + quote(t));
            }
            if (i < SPECIALS && !t.equals(SPECIAL_TOKENS.get(i))) {
                throw new IllegalArgumentException(at + ": expected special token " + SPECIAL_TOKENS.get(i)
                        + ", found " + quote(t));
            }
            Integer prev = seen.put(t, i);
            if (prev != null) {
                throw new IllegalArgumentException(at + ": duplicate token " + quote(t) + " (also id " + prev + ")");
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && tokens.equals(v.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + tokens.size() + "]";
    }

    /** The four special tokens in id order (unmodifiable). */
    public static List<String> specialTokens() {
        return SPECIAL_TOKENS;
    }
}
