package io.contrast4j.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatchTest {

    @Test
    void dynamicPaddingWithClsAndTruncation() {
        List<int[]> seqs = List.of(new int[] {10, 11, 12, 13, 14, 15}, new int[] {20}, new int[] {});
        TokenBatch b = TokenBatch.pack(seqs, 5, true, false, false);
        assertEquals(5, b.maxLen());
        assertArrayEquals(new int[] {2, 10, 11, 12, 13}, b.ids()[0]);
        assertArrayEquals(new int[] {2, 20, 0, 0, 0}, b.ids()[1]);
        assertArrayEquals(new int[] {2, 0, 0, 0, 0}, b.ids()[2]);
        assertArrayEquals(new boolean[] {true, true, true, true, true}, b.mask()[0]);
        assertArrayEquals(new boolean[] {true, true, false, false, false}, b.mask()[1]);
        assertArrayEquals(new int[] {5, 2, 1}, b.lengths());

        TokenBatch shortOnes = TokenBatch.pack(List.of(new int[] {7}, new int[] {8, 9}), 10, false, false, false);
        assertEquals(2, shortOnes.maxLen());
        assertArrayEquals(new int[] {7, 0, 8, 9}, shortOnes.flatIds());
        assertArrayEquals(new float[] {1, 0, 1, 1}, shortOnes.flatMask());
        assertArrayEquals(new float[] {0, -1e9f, 0, 0}, shortOnes.additiveMask(-1e9f));
    }

    @Test
    void fixedPaddingWithClsAndSep() {
        TokenBatch b = TokenBatch.pack(List.of(new int[] {5, 6, 7, 8}, new int[] {9}), 4, true, true, true);
        assertEquals(4, b.maxLen());
        assertArrayEquals(new int[] {2, 5, 6, 3}, b.ids()[0]);
        assertArrayEquals(new int[] {2, 9, 3, 0}, b.ids()[1]);
        assertArrayEquals(new boolean[] {true, true, true, false}, b.mask()[1]);
        TokenBatch padded = TokenBatch.pack(List.of(new int[] {4}), 6, false, false, true);
        assertArrayEquals(new int[] {4, 0, 0, 0, 0, 0}, padded.ids()[0]);
    }

    @Test
    void emptyBatchAndInvalidArguments() {
        TokenBatch empty = TokenBatch.pack(List.of(new int[0]), 4, false, false, false);
        assertEquals(1, empty.maxLen());
        assertArrayEquals(new boolean[] {false}, empty.mask()[0]);
        assertThrows(IllegalArgumentException.class, () -> TokenBatch.pack(List.of(new int[] {1}), 2, true, true, false));
        assertThrows(IllegalArgumentException.class, () -> TokenBatch.pack(List.of(new int[] {1}), 0, false, false, false));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenBatch(new int[][] {{1, 2}}, new boolean[][] {{true}}, 2));
    }

    @Test
    void encodeTextsThroughVocabulary() {
        Vocabulary v = Vocabulary.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world"));
        TokenBatch b = TokenBatch.encode(List.of("Hello, WORLD", "hello there world friend"), new Tokenizer(), v,
                4, true, false, false);
        assertArrayEquals(new int[] {2, 4, 5, 0}, b.ids()[0]);
        assertArrayEquals(new int[] {2, 4, 1, 5}, b.ids()[1]);
        assertArrayEquals(new int[] {3, 4}, b.lengths());
    }
}
