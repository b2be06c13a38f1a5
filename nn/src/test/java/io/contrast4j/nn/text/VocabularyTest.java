package io.contrast4j.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class VocabularyTest {

    @TempDir
    Path dir;

    private static final List<String> TEXTS = List.of(
            "the cat sat on the mat",
            "The dog sat",
            "a cat! a DOG? Straße",
            "[PAD] zebra");

    @Test
    void buildOrdersByCountThenToken() {
        Vocabulary v = Vocabulary.build(TEXTS, new Tokenizer(), 1, 100);
        // counts: the 3; a 2, cat 2, dog 2, sat 2; mat 1, on 1, pad 1, straße 1, zebra 1
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]",
                "the", "a", "cat", "dog", "sat", "mat", "on", "pad", "straße", "zebra"), v.tokens());
        assertEquals(Vocabulary.PAD_ID, v.id("[PAD]"));
        assertEquals(Vocabulary.UNK_ID, v.id("unseen"));
        assertEquals(-1, v.find("unseen"));
        assertEquals(4, v.id("the"));
        assertArrayEquals(new int[] {4, 6, 1}, v.encode(List.of("the", "cat", "xyz")));
    }

    @Test
    void minCountAndMaxSize() {
        Vocabulary v = Vocabulary.build(TEXTS, new Tokenizer(), 2, 100);
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "a", "cat", "dog", "sat"), v.tokens());
        Vocabulary small = Vocabulary.build(TEXTS, new Tokenizer(), 1, 6);
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "a"), small.tokens());
        assertEquals(4, Vocabulary.build(TEXTS, new Tokenizer(), 1, 4).size());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS, new Tokenizer(), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TEXTS, new Tokenizer(), 1, 3));
    }

    @Test
    void specialTokensInCorpusAreNotDuplicated() {
        Vocabulary v = Vocabulary.build(List.of(List.of("[CLS]", "x", "[SEP]", "x")), 1, 10);
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "x"), v.tokens());
    }

    @Test
    void saveLoadRoundTripAndFileFormat() throws IOException {
        Vocabulary v = Vocabulary.build(TEXTS, new Tokenizer(), 1, 100);
        Path f = dir.resolve("vocab.txt");
        v.save(f);
        String content = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(content.startsWith("[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\na\n"), content);
        assertTrue(content.endsWith("straße\nzebra\n"), content);
        Vocabulary back = Vocabulary.load(f);
        assertEquals(v, back);
        assertEquals(v.id("straße"), back.id("straße"));
        // CRLF line ends are accepted
        Files.writeString(f, "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nx\r\n");
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "x"), Vocabulary.load(f).tokens());
    }

    @Test
    void malformedFilesAreRefusedWithTheLine() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "[PAD]\n[UNK]\n[SEP]\n[CLS]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(f));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("[CLS]"), e.getMessage());
        Files.writeString(f, "[PAD]\n[UNK]\n[CLS]\n[SEP]\nx\n\ny\n");
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(f));
        assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("empty"), e.getMessage());
        Files.writeString(f, "[PAD]\n[UNK]\n[CLS]\n[SEP]\nx\ny\nx\n");
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(f));
        assertTrue(e.getMessage().contains("line 7") && e.getMessage().contains("duplicate"), e.getMessage());
        Files.writeString(f, "[PAD]\n[UNK]\n");
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        Files.write(f, new byte[] {'[', 'P', (byte) 0xC3, '\n'});
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(f));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "a\nb")));
    }
}
