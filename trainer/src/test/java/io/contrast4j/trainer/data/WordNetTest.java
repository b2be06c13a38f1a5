package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetTest {
    @TempDir
    Path dir;

    static final String LICENCE = "  1 This software and database is being provided to you, the LICENSEE, by  \n"
            + "  2 Princeton University under the following license.  \n";
    // A (root) -> B, C ; B -> D, E, F (instance) ; F -> G
    static final String[] SYNSETS = {
            "00001000 03 n 01 entity 0 002 ~ 00002000 n 0000 ~ 00003000 n 0000 | that which exists  ",
            "00002000 03 n 01 thing 0 004 @ 00001000 n 0000 ~ 00004000 n 0000 ~ 00005000 n 0000 ~i 00006000 n 0000 | a separate entity  ",
            "00003000 03 n 01 idea 0 001 @ 00001000 n 0000 | a \"quoted\" thought  ",
            "00004000 05 n 02 big_cat 0 cat 1 002 @ 00002000 n 0000 + 01234567 v 0101 | a large feline; \"the big_cat roared\"; \"a cat; or not\"  ",
            "00005000 05 n 01 rock 0 001 @ 00002000 n 0000 | a stone  ",
            "00006000 05 n 01 Paris 0 002 @i 00002000 n 0000 ~ 00007000 n 0000 | capital of France; \"Paris in spring\"  ",
            "00007000 05 n 01 Left_Bank 0 001 @ 00006000 n 0000 | part of Paris  ",
    };

    private Path writeNoun(String... lines) throws IOException {
        Files.writeString(dir.resolve("data.noun"), LICENCE + String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
        return dir;
    }

    @Test
    void buildsQueriesDocsQrelsAndSiblings() throws IOException {
        RetrievalDataset d = WordNet.load(writeNoun(SYNSETS), WordNet.Options.full());
        assertEquals(Set.of("n00002000", "n00003000", "n00004000", "n00005000", "n00006000", "n00007000"), d.corpus().keySet(),
                "the root has no hypernym and is left out");
        assertEquals(d.corpus().keySet(), d.queries().keySet());
        assertEquals("a large feline", d.queries().get("n00004000"));
        assertEquals("big cat, cat. the big_cat roared; a cat; or not", d.corpus().get("n00004000"));
        assertEquals("a \"quoted\" thought", d.queries().get("n00003000"), "quotes inside a definition are kept");
        assertEquals("idea", d.corpus().get("n00003000"));
        assertEquals("Paris. Paris in spring", d.corpus().get("n00006000"));
        assertEquals("Left Bank", d.corpus().get("n00007000"));

        assertEquals(Map.of("n00002000", 2, "n00004000", 1, "n00005000", 1, "n00006000", 1), d.qrels().get("n00002000"));
        assertEquals(Map.of("n00004000", 2, "n00002000", 1), d.qrels().get("n00004000"));
        assertEquals(Map.of("n00006000", 2, "n00002000", 1, "n00007000", 1), d.qrels().get("n00006000"));
        assertEquals(Map.of("n00003000", 2), d.qrels().get("n00003000"));

        assertEquals(Set.of("n00005000", "n00006000"), new HashSet<>(d.hardNegativesOf("n00004000")));
        assertEquals(Set.of("n00004000", "n00005000"), new HashSet<>(d.hardNegativesOf("n00006000")));
        assertEquals(List.of("n00003000"), d.hardNegativesOf("n00002000"), "siblings through a hypernym that is not selected");
        assertEquals(List.of("n00002000"), d.hardNegativesOf("n00003000"));
        assertEquals(List.of(), d.hardNegativesOf("n00007000"));

        List<String> all = new ArrayList<>();
        for (Split s : Split.values()) all.addAll(d.queryIds(s));
        assertEquals(d.queries().size(), all.size());
        assertEquals(d.queries().keySet(), new HashSet<>(all));

        List<TextTriplet> t = d.triplets(Split.TRAIN, 1);
        assertEquals(d.trainQueries().size(), t.size());
        for (TextTriplet x : t) assertTrue(x.negatives().size() <= 1);
    }

    @Test
    void limitTakesFirstSynsetsWithHypernymAndInducesSubgraph() throws IOException {
        RetrievalDataset d = WordNet.load(writeNoun(SYNSETS), WordNet.Options.defaults().withMaxSynsets(3));
        assertEquals(List.of("n00002000", "n00003000", "n00004000"), List.copyOf(d.corpus().keySet()));
        assertEquals(Map.of("n00002000", 2, "n00004000", 1), d.qrels().get("n00002000"));
        assertEquals(List.of(), d.hardNegativesOf("n00004000"));
        assertEquals("wordnet-nouns-3", d.name());
    }

    @Test
    void splitIsStableUnderTheLimit() throws IOException {
        RetrievalDataset full = WordNet.load(writeNoun(SYNSETS), WordNet.Options.full());
        RetrievalDataset part = WordNet.load(dir, WordNet.Options.full().withMaxSynsets(4));
        for (Split s : Split.values())
            for (String q : part.queryIds(s)) assertTrue(full.queryIds(s).contains(q), q + " moved out of " + s);
    }

    @Test
    void malformedLinesNameTheLine() throws IOException {
        writeNoun(SYNSETS[1], "0000x000 03 n 01 rock 0 000 | a stone");
        DataException e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.problem().contains("synset offset '0000x000' is not a number"), e.getMessage());

        writeNoun(SYNSETS[1], "00009000 03 n 01 rock 0 000 a stone");
        e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertEquals("missing '|' before the gloss", e.problem());

        writeNoun(SYNSETS[1], "00009000 03 n 01 rock 0 002 @ 00002000 n | x");
        e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertTrue(e.problem().contains("line ends inside the 2 pointers"), e.getMessage());

        writeNoun(SYNSETS[2], SYNSETS[1]);
        e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertTrue(e.problem().contains("is not greater than the previous"), e.getMessage());

        writeNoun("00009000 03 v 01 run 0 000 | move fast");
        e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertTrue(e.problem().contains("synset type 'v' is not 'n'"), e.getMessage());

        writeNoun(SYNSETS[0]);
        e = assertThrows(DataException.class, () -> WordNet.load(dir, WordNet.Options.full()));
        assertEquals("no noun synset with a hypernym found", e.problem());
    }

    @Test
    void missingDirectoryNamesThePackage() {
        Path none = dir.resolve("wordnet");
        DataException e = assertThrows(DataException.class, () -> WordNet.load(none, WordNet.Options.defaults()));
        assertEquals("WordNet not found at " + none + ": install it with 'apt-get install -y wordnet-base'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WordNet.Options(-1, 0, 0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new WordNet.Options(1, 0, 0.6, 0.6));
    }

    private static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isRegularFile(WordNet.DEFAULT_DIR.resolve("data.noun")),
                "WordNet not installed at " + WordNet.DEFAULT_DIR + " (" + WordNet.INSTALL + "); test skipped");
    }

    @Test
    void realWordNetWithLimit() {
        assumeInstalled();
        RetrievalDataset d = WordNet.load(WordNet.DEFAULT_DIR, WordNet.Options.defaults().withMaxSynsets(500));
        assertEquals(500, d.corpus().size());
        assertEquals("an entity that has physical existence", d.queries().get("n00001930"));
        assertEquals("physical entity", d.corpus().get("n00001930"));
        assertEquals("a separate and self-contained entity", d.queries().get("n00002452"));
        assertEquals(1, d.relevance("n00001930", "n00002452"), "thing is a hyponym of physical entity");
        assertEquals(1, d.relevance("n00002452", "n00001930"), "physical entity is the hypernym of thing");
        assertEquals("an assemblage of parts that is regarded as a single entity", d.queries().get("n00003553"));
        assertEquals("whole, unit. how big is that part compared to the whole?; the team is a unit", d.corpus().get("n00003553"));
        for (var q : d.qrels().entrySet()) {
            assertEquals(2, q.getValue().get(q.getKey()), "self relevance of " + q.getKey());
            for (String neg : d.hardNegativesOf(q.getKey())) assertEquals(0, d.relevance(q.getKey(), neg));
        }
        assertTrue(d.trainQueries().size() > 350 && d.devQueries().size() > 20 && d.testQueries().size() > 20, d.toString());
    }

    @Test
    void realWordNetFullSize() throws IOException {
        assumeInstalled();
        int expected = 0;
        for (String line : Files.readAllLines(WordNet.DEFAULT_DIR.resolve("data.noun"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("  ")) continue;
            String head = line.substring(0, line.indexOf('|'));
            if (head.contains(" @ ") || head.contains(" @i ")) expected++;
        }
        RetrievalDataset d = WordNet.load(WordNet.DEFAULT_DIR, WordNet.Options.full());
        assertEquals(expected, d.corpus().size());
        assertTrue(expected > 82000, "WordNet 3.0 has 82,115 noun synsets");
        assertFalse(d.hardNegatives().isEmpty());
        assertEquals("wordnet-nouns", d.name());
    }
}
