package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirTest {
    @TempDir
    Path dir;

    static final String CORPUS = "{\"_id\": \"d1\", \"title\": \"Cats\", \"text\": \"Cats purr.\"}\n"
            + "{\"_id\": \"d2\", \"title\": \"\", \"text\": \"Dogs bark.\"}\n"
            + "{\"_id\": 3, \"text\": \"Fish swim.\"}\n";
    static final String QUERIES = "{\"_id\": \"q1\", \"text\": \"what purrs\"}\n"
            + "{\"_id\": \"q2\", \"text\": \"what barks\"}\n"
            + "{\"_id\": \"q3\", \"text\": \"unjudged\"}\n";
    static final String TEST_QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\t3\t0\n";
    static final String TRAIN_QRELS = "query-id\tcorpus-id\tscore\nq2\td2\t1\n";

    static void writeBeir(Path dir, String corpus, String queries, String test, String train) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("corpus.jsonl"), corpus, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("queries.jsonl"), queries, StandardCharsets.UTF_8);
        if (test != null) Files.writeString(dir.resolve("qrels/test.tsv"), test, StandardCharsets.UTF_8);
        if (train != null) Files.writeString(dir.resolve("qrels/train.tsv"), train, StandardCharsets.UTF_8);
    }

    @Test
    void loadsCorpusQueriesQrelsAndSplits() throws IOException {
        Path b = dir.resolve("toy");
        writeBeir(b, CORPUS, QUERIES, TEST_QRELS, TRAIN_QRELS);
        RetrievalDataset d = Beir.load(b);
        assertEquals("toy", d.name());
        assertEquals(Map.of("d1", "Cats Cats purr.", "d2", "Dogs bark.", "3", "Fish swim."), d.corpus());
        assertEquals(3, d.queries().size());
        assertEquals(Map.of("d1", 2, "3", 0), d.qrels().get("q1"));
        assertEquals(List.of("q1"), d.testQueries());
        assertEquals(List.of("q2"), d.trainQueries());
        assertEquals(List.of(), d.devQueries());
        assertEquals(List.of(new TextTriplet("what barks", "Dogs bark.", List.of())), d.triplets(Split.TRAIN, 5));
    }

    @Test
    void topLevelQrelsTsvIsTheTestSplit() throws IOException {
        Path b = dir.resolve("flat");
        writeBeir(b, CORPUS, QUERIES, null, null);
        Files.writeString(b.resolve("qrels.tsv"), "q2 d2 1\n");
        assertEquals(List.of("q2"), Beir.load(b).testQueries());
    }

    private DataException fail(String corpus, String queries, String test, String train) throws IOException {
        Path b = dir.resolve("bad");
        writeBeir(b, corpus, queries, test, train);
        return assertThrows(DataException.class, () -> Beir.load(b));
    }

    @Test
    void qrelNamingUnknownIds() throws IOException {
        DataException e = fail(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td9\t1\n", null);
        assertTrue(e.getMessage().endsWith("test.tsv:3: corpus id \"d9\" is not in corpus.jsonl"), e.getMessage());
        e = fail(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq7\td1\t1\n", null);
        assertTrue(e.getMessage().endsWith("test.tsv:2: query id \"q7\" is not in queries.jsonl"), e.getMessage());
    }

    @Test
    void duplicateIdsAndQrels() throws IOException {
        DataException e = fail(CORPUS + "{\"_id\": \"d1\", \"text\": \"again\"}\n", QUERIES, TEST_QRELS, null);
        assertTrue(e.getMessage().endsWith("corpus.jsonl:4: duplicate document id \"d1\""), e.getMessage());
        e = fail(CORPUS, QUERIES + "{\"_id\": \"q2\", \"text\": \"again\"}\n", TEST_QRELS, null);
        assertTrue(e.getMessage().endsWith("queries.jsonl:4: duplicate query id \"q2\""), e.getMessage());
        e = fail(CORPUS, QUERIES, TEST_QRELS + "q1\td1\t1\n", null);
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("duplicate qrel"), e.getMessage());
        e = fail(CORPUS, QUERIES, TEST_QRELS, "q1\td2\t1\n");
        assertTrue(e.problem().contains("already judged in the train qrels"), e.getMessage());
    }

    @Test
    void badRowsAndFields() throws IOException {
        DataException e = fail(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1\td1\thigh\n", null);
        assertEquals("score 'high' is not an integer", e.problem());
        e = fail(CORPUS, QUERIES, "q1\td1\n", null);
        assertTrue(e.problem().startsWith("expected 3 tab-separated columns"), e.getMessage());
        e = fail(CORPUS, QUERIES, "", null);
        assertEquals("file is empty", e.problem());
        e = fail("{\"title\": \"t\", \"text\": \"x\"}\n", QUERIES, TEST_QRELS, null);
        assertEquals("missing field \"_id\"", e.problem());
        e = fail("{\"_id\": [1], \"text\": \"x\"}\n", QUERIES, TEST_QRELS, null);
        assertTrue(e.problem().contains("must be a string or an integer, got array"), e.getMessage());
        e = fail(CORPUS, "{\"_id\": \"q1\"}\n", TEST_QRELS, null);
        assertEquals("missing string field \"text\"", e.problem());
        e = fail(CORPUS, "not json\n", TEST_QRELS, null);
        assertTrue(e.getMessage().contains("queries.jsonl:1: column 1"), e.getMessage());
    }

    @Test
    void missingPieces() throws IOException {
        DataException e = assertThrows(DataException.class, () -> Beir.load(dir.resolve("absent")));
        assertTrue(e.problem().startsWith("BEIR folder not found"), e.getMessage());
        Path b = dir.resolve("noqrels");
        writeBeir(b, CORPUS, QUERIES, null, null);
        e = assertThrows(DataException.class, () -> Beir.load(b));
        assertTrue(e.problem().startsWith("no qrels"), e.getMessage());
        Files.delete(b.resolve("corpus.jsonl"));
        e = assertThrows(DataException.class, () -> Beir.load(b));
        assertEquals(b.resolve("corpus.jsonl") + ": file not found", e.getMessage());
    }
}
