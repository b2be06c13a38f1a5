package io.contrast4j.samplers.index;

/**
 * Bounded best-k list kept sorted by key (higher is better). Candidates must be offered in ascending id order:
 * a candidate whose key equals the current k-th key is refused, and an inserted candidate goes after every
 * equal key, so ties end up ordered by lower id.
 */
final class TopKBuffer {
    final double[] keys;
    final int[] ids;
    int count;

    TopKBuffer(int k) {
        keys = new double[k];
        ids = new int[k];
    }

    /** Key a candidate must strictly beat to enter; {@code -inf} while not full. */
    double threshold() {
        return count < keys.length ? Double.NEGATIVE_INFINITY : keys[keys.length - 1];
    }

    void offer(double key, int id) {
        int k = keys.length;
        if (count == k && !(key > keys[k - 1])) return;
        // first position whose key is strictly lower than the new key
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] >= key) lo = mid + 1;
            else hi = mid;
        }
        int moved = (count == k ? k - 1 : count) - lo;
        if (moved > 0) {
            System.arraycopy(keys, lo, keys, lo + 1, moved);
            System.arraycopy(ids, lo, ids, lo + 1, moved);
        }
        keys[lo] = key;
        ids[lo] = id;
        if (count < k) count++;
    }
}
