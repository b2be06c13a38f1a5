package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path p = dir.resolve("pairs.jsonl");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void loadsPairsAndTriplets() throws IOException {
        Path p = write("{\"query\": \"q1\", \"positive\": \"p1\"}\n\n"
                + "{\"query\": \"q\\u00e9\", \"positive\": \"p2\", \"negatives\": [\"n1\", \"n2\"], \"extra\": 3}\n"
                + "{\"query\": \"q3\", \"positive\": \"p3\", \"negative\": \"n0\", \"negatives\": [\"n4\"]}\n");
        List<TextTriplet> t = Jsonl.loadTriplets(p);
        assertEquals(List.of(TextTriplet.pair("q1", "p1"),
                new TextTriplet("q\u00e9", "p2", List.of("n1", "n2")),
                new TextTriplet("q3", "p3", List.of("n0", "n4"))), t);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"query\": \"q\"}|missing string field \"positive\"",
            "{\"query\": 1, \"positive\": \"p\"}|field \"query\" must be a string, got number",
            "{\"query\": \"q\", \"positive\": \"p\", \"negatives\": \"n\"}|field \"negatives\" must be an array of strings, got string",
            "{\"query\": \"q\", \"positive\": \"p\", \"negatives\": [\"a\", null]}|negatives[1] must be a string, got null",
            "[1, 2]|expected a JSON object, got array",
            "hello world|column 1: unexpected 'h'",
            "{\"query\": \"q\", \"positive\": \"p\"|column 31: unexpected end of input",
    })
    void badLinesNameTheLine(String badLine, String fragment) throws IOException {
        Path p = write("{\"query\": \"ok\", \"positive\": \"ok\"}\n" + badLine + "\n");
        DataException e = assertThrows(DataException.class, () -> Jsonl.loadTriplets(p));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(p + ":2: "), e.getMessage());
    }

    @Test
    void emptyMissingAndInvalidUtf8() throws IOException {
        assertEquals("file is empty", assertThrows(DataException.class, () -> Jsonl.loadTriplets(write(" \n"))).problem());
        assertEquals("file not found", assertThrows(DataException.class, () -> Jsonl.loadTriplets(dir.resolve("x.jsonl"))).problem());
        Path p = dir.resolve("bad.jsonl");
        byte[] a = "{\"query\": \"q\", \"positive\": \"p\"}\n{\"query\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[a.length + 3];
        System.arraycopy(a, 0, b, 0, a.length);
        b[a.length] = (byte) 0xFF;
        b[a.length + 1] = '"';
        b[a.length + 2] = '}';
        Files.write(p, b);
        DataException e = assertThrows(DataException.class, () -> Jsonl.loadTriplets(p));
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("invalid UTF-8"), e.getMessage());
    }

    @Test
    void labelledVectors() throws IOException {
        Path p = dir.resolve("emb.jsonl");
        Files.writeString(p, "{\"features\": [0.5, 1, -2e-1], \"label\": 2}\n{\"label\": 0, \"features\": [0, 0, 3]}\n");
        LabelledDataset d = Jsonl.loadLabelledVectors(p);
        assertEquals("emb", d.name());
        assertEquals(3, d.numClasses());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[]{0.5f, 1f, -0.2f}, d.features()[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{2, 0}, d.labels());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"features\": [1, 2], \"label\": 1}|vector has 2 values, expected 3 (set by line 1)",
            "{\"features\": [1, 2, \"x\"], \"label\": 1}|features[2] must be a number, got string",
            "{\"features\": [1, 2, 1e999], \"label\": 1}|features[2] = Infinity is not a finite float",
            "{\"features\": [1, 2, 1e39], \"label\": 1}|is not a finite float",
            "{\"features\": [1, 2, 3], \"label\": 1.5}|must be an integer in 0..1000000, got 1.5",
            "{\"features\": [1, 2, 3], \"label\": -1}|got -1",
            "{\"features\": [1, 2, 3], \"label\": \"cat\"}|got \"cat\"",
            "{\"features\": [1, 2, 3]}|missing field \"label\"",
            "{\"features\": 3, \"label\": 1}|must be an array of numbers, got number",
    })
    void badVectorsNameTheLine(String badLine, String fragment) throws IOException {
        Path p = dir.resolve("v.jsonl");
        Files.writeString(p, "{\"features\": [1, 2, 3], \"label\": 0}\n" + badLine + "\n");
        DataException e = assertThrows(DataException.class, () -> Jsonl.loadLabelledVectors(p));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
    }
}
