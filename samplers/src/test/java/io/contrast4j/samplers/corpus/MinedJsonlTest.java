package io.contrast4j.samplers.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MinedJsonlTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void writtenLinesParseAndRoundTrip(long seed) {
        List<String> corpus = List.of("doc \"zero\"", "doc\none", "doc\\two", "döc três ✓", "plain four", "tab\tfive");
        List<String> queries = List.of("q0 \"quoted\"", "q1\u0001ctrl");
        int[] positives = {0, 3};
        MinedNegatives mined = new MinedNegatives(new int[][]{{1, 2}, {5}}, new double[][]{{0.5, 0.25 + seed}, {-0.125}},
                new double[]{0.75, 0.5}, new MiningStats(2, 3, java.util.Map.of(), 1));
        StringWriter w = new StringWriter();
        List<Integer> progress = new ArrayList<>();
        assertEquals(2, MinedJsonl.write(w, queries, corpus, positives, mined, true, (d, t) -> progress.add(d)));
        assertEquals(List.of(1, 2), progress);
        String[] lines = w.toString().split("\n");
        assertEquals(2, lines.length, "seed " + seed);
        MinedJsonl.Line l0 = MinedJsonl.parseLine(lines[0]);
        assertEquals(queries.get(0), l0.query());
        assertEquals(corpus.get(0), l0.positive());
        assertEquals(List.of(corpus.get(1), corpus.get(2)), l0.negatives());
        assertEquals(List.of(0.5, 0.25 + seed), l0.scores());
        assertEquals(0.75, l0.positiveScore());
        MinedJsonl.Line l1 = MinedJsonl.parseLine(lines[1]);
        assertEquals(queries.get(1), l1.query());
        assertEquals(List.of(corpus.get(5)), l1.negatives());
        StringWriter w2 = new StringWriter();
        MinedJsonl.write(w2, queries, corpus, positives, mined, false, null);
        MinedJsonl.Line plain = MinedJsonl.parseLine(w2.toString().split("\n")[0]);
        assertNull(plain.scores());
        assertTrue(w2.toString().startsWith("{\"query\":"), w2.toString());
    }

    @Test
    void badLinesNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MinedJsonl.parseLine("{\"query\":\"a\",\"negatives\":[]}")).getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MinedJsonl.parseLine("{\"query\":\"a\",\"positive\":\"b\",\"negatives\":[1]}")).getMessage().contains("negatives"));
    }
}
