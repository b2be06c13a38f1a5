package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded fuzzing of every file loader: valid small inputs are corrupted at random (byte flips,
 * inserted special bytes and tokens, deleted / duplicated / swapped lines, truncation, gzip). The
 * loader must either succeed or throw {@link DataException}; anything else fails with the seed.
 */
class LoaderFuzzTest {
    @TempDir
    Path dir;

    /** 60 seeds; run more with {@code -Dc4j.fuzzSeeds=N}. */
    static LongStream seeds() {
        int n = Integer.getInteger("c4j.fuzzSeeds", 60);
        return LongStream.range(0, n).map(i -> 0x5EEDL * 31 + i * 7919);
    }

    /** The corruptions are neither all harmless nor all fatal: both outcomes occur over the seeds. */
    @org.junit.jupiter.api.Test
    void corruptionsProduceBothOutcomes() throws IOException {
        int ok = 0, bad = 0;
        for (long seed : seeds().toArray()) {
            SplittableRandom r = new SplittableRandom(seed);
            Path p = dir.resolve("mix.csv");
            Files.write(p, corrupt(validCsv(r).getBytes(StandardCharsets.UTF_8), r));
            try {
                Csv.load(p);
                ok++;
            } catch (DataException e) {
                bad++;
            }
        }
        if (ok == 0 || bad == 0) fail("csv fuzz outcomes: " + ok + " loaded, " + bad + " rejected");
    }

    private static final String[] TOKENS = {
            ",", "\t", ";", "\n", "\r\n", "\"", "\\", "{", "}", "[", "]", ":", "NaN", "-Infinity", "1e999", "-1", "3.5",
            "\\u12", "\\ud800", "null", "true", "\"_id\"", "\"text\"", "query-id\tcorpus-id\tscore", "\u00e9", "0x1p3",
            " | ", " @ ", "99999999999", "ffffffff"};

    /** Applies 1..4 random corruptions to {@code in}. */
    static byte[] corrupt(byte[] in, SplittableRandom r) {
        byte[] b = in;
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(8)) {
                case 0 -> { // flip a byte
                    if (b.length > 0) {
                        b = b.clone();
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> b = insert(b, r.nextInt(b.length + 1), new byte[]{(byte) (0x80 + r.nextInt(128))});
                case 2 -> b = insert(b, r.nextInt(b.length + 1), TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
                case 4 -> b = editLines(b, r, 0); // delete a line
                case 5 -> b = editLines(b, r, 1); // duplicate a line
                case 6 -> b = editLines(b, r, 2); // swap two lines
                default -> { // delete a byte range
                    if (b.length > 1) {
                        int s = r.nextInt(b.length), e = Math.min(b.length, s + 1 + r.nextInt(8));
                        byte[] c = new byte[b.length - (e - s)];
                        System.arraycopy(b, 0, c, 0, s);
                        System.arraycopy(b, e, c, s, b.length - e);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }

    private static byte[] editLines(byte[] b, SplittableRandom r, int op) {
        String s = new String(b, StandardCharsets.ISO_8859_1); // byte-preserving
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (lines.isEmpty()) return b;
        int i = r.nextInt(lines.size());
        switch (op) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, lines.get(i));
            default -> {
                int j = r.nextInt(lines.size());
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private interface Load {
        void run() throws Exception;
    }

    private static void expectSuccessOrDataException(long seed, String what, Load load) {
        try {
            load.run();
        } catch (DataException expected) {
            if (expected.getMessage().contains("\n")) fail("seed " + seed + " " + what + ": multi-line message " + expected.getMessage());
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + " " + what + ": " + t, t);
        }
    }

    private static String validCsv(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(r.nextBoolean() ? "a,b,c,label\n" : "");
        int rows = 2 + r.nextInt(6);
        for (int i = 0; i < rows; i++)
            sb.append(r.nextInt(17)).append(',').append(r.nextDouble()).append(',').append(-r.nextInt(5)).append(',').append(r.nextInt(4)).append('\n');
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void csv(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Path p = dir.resolve(r.nextBoolean() ? "f.csv" : "f.txt");
        byte[] bytes = corrupt(validCsv(r).getBytes(StandardCharsets.UTF_8), r);
        if (r.nextInt(4) == 0) bytes = corrupt(IdxTest.gzip(bytes), r);
        Files.write(p, bytes);
        expectSuccessOrDataException(seed, "csv", () -> Csv.load(p));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jsonl(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String valid = "{\"query\": \"what is \\\"x\\\"\", \"positive\": \"x is \\u00e9\", \"negatives\": [\"y\", \"z\"]}\n"
                + "{\"query\": \"q2\", \"positive\": \"p2\"}\n"
                + "{\"query\": \"q3\", \"positive\": \"p3\", \"negative\": \"n3\", \"score\": [1.5e3, true, null, {}]}\n";
        Path p = dir.resolve("t.jsonl");
        Files.write(p, corrupt(valid.getBytes(StandardCharsets.UTF_8), r));
        expectSuccessOrDataException(seed, "jsonl", () -> Jsonl.loadTriplets(p));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jsonlVectors(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String valid = "{\"features\": [0.5, -1, 2e-3], \"label\": 1}\n{\"features\": [1, 2, 3], \"label\": 0}\n";
        Path p = dir.resolve("v.jsonl");
        Files.write(p, corrupt(valid.getBytes(StandardCharsets.UTF_8), r));
        expectSuccessOrDataException(seed, "jsonl vectors", () -> Jsonl.loadLabelledVectors(p));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void beir(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Path b = dir.resolve("beir");
        BeirTest.writeBeir(b, BeirTest.CORPUS, BeirTest.QUERIES, BeirTest.TEST_QRELS, BeirTest.TRAIN_QRELS);
        String[] files = {"corpus.jsonl", "queries.jsonl", "qrels/test.tsv", "qrels/train.tsv"};
        int n = 1 + r.nextInt(2);
        for (int k = 0; k < n; k++) {
            Path f = b.resolve(files[r.nextInt(files.length)]);
            Files.write(f, corrupt(Files.readAllBytes(f), r));
        }
        expectSuccessOrDataException(seed, "beir", () -> Beir.load(b));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void idx(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[3 * 2 * 2];
        r.nextBytes(px);
        byte[] img = IdxTest.images(3, 2, 2, px), lab = IdxTest.labels(new byte[]{1, 2, 3});
        if (r.nextBoolean()) {
            img = IdxTest.gzip(img);
            lab = IdxTest.gzip(lab);
        }
        Path pi = dir.resolve("i"), pl = dir.resolve("l");
        Files.write(pi, r.nextBoolean() ? corrupt(img, r) : img);
        Files.write(pl, r.nextBoolean() ? corrupt(lab, r) : lab);
        expectSuccessOrDataException(seed, "idx images", () -> Idx.readImages(pi));
        expectSuccessOrDataException(seed, "idx labels", () -> Idx.readLabels(pl));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void wordnet(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String valid = WordNetTest.LICENCE + String.join("\n", WordNetTest.SYNSETS) + "\n";
        Files.write(dir.resolve("data.noun"), corrupt(valid.getBytes(StandardCharsets.ISO_8859_1), r));
        WordNet.Options o = WordNet.Options.full().withMaxSynsets(r.nextInt(4));
        expectSuccessOrDataException(seed, "wordnet", () -> WordNet.load(dir, o));
    }
}
