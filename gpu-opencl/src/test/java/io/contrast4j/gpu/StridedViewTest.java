package io.contrast4j.gpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StridedViewTest {
    @Test
    void contiguousDimsMergeAndUnitDimsDrop() {
        StridedView v = StridedView.of(new int[] {2, 1, 3, 4}, new int[] {12, 12, 4, 1});
        assertArrayEquals(new int[] {24}, v.shape());
        assertArrayEquals(new int[] {1}, v.strides()[0]);
    }

    @Test
    void broadcastDimsMergeOnlyWhereEveryOperandAllows() {
        // a: [2,3,4] contiguous, b: [4] broadcast over the first two dims, out contiguous
        StridedView v = StridedView.of(new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 0, 1}, new int[] {12, 4, 1});
        assertArrayEquals(new int[] {6, 4}, v.shape());
        assertArrayEquals(new int[] {4, 1}, v.strides()[0]);
        assertArrayEquals(new int[] {0, 1}, v.strides()[1]);
    }

    @Test
    void permutedViewKeepsItsDims() {
        StridedView v = StridedView.of(new int[] {4, 2, 3}, new int[] {1, 12, 4});
        assertArrayEquals(new int[] {4, 6}, v.shape());
        assertArrayEquals(new int[] {1, 4}, v.strides()[0]);
    }

    @Test
    void scalarViewHasRankZero() {
        StridedView v = StridedView.of(new int[] {1, 1}, new int[] {5, 5});
        assertArrayEquals(new int[0], v.shape());
    }

    @Test
    void distinctDetectsRepeatsAndOverlaps() {
        assertTrue(StridedView.of(new int[] {3, 2}, new int[] {5, 1}).distinct(0), "slice");
        assertFalse(StridedView.of(new int[] {3, 2}, new int[] {0, 1}).distinct(0), "broadcast");
        assertFalse(StridedView.of(new int[] {3, 3}, new int[] {1, 1}).distinct(0), "diagonal-like overlap");
        assertTrue(StridedView.of(new int[] {4, 2, 3}, new int[] {1, 12, 4}).distinct(0), "permutation");
    }
}
