package io.contrast4j.nn.layers;

/**
 * A batch of bags in CSR layout: bag b holds {@code ids[offsets[b] .. offsets[b+1])} (the last bag runs to the end),
 * as PyTorch's EmbeddingBag with {@code include_last_offset=false}. Offsets start at 0 and never decrease.
 */
public record Bag(int[] ids, int[] offsets) {
    public Bag {
        if (ids == null || offsets == null) throw new IllegalArgumentException("Bag: ids and offsets must not be null");
        for (int b = 0; b < offsets.length; b++) {
            int lo = offsets[b], hi = b + 1 < offsets.length ? offsets[b + 1] : ids.length;
            if ((b == 0 && lo != 0) || lo < 0 || hi < lo || hi > ids.length) {
                throw new IllegalArgumentException("Bag: offsets[" + b + "]=" + lo + " invalid for " + ids.length + " ids (offsets must start at 0 and not decrease)");
            }
        }
        if (offsets.length == 0 && ids.length > 0) throw new IllegalArgumentException("Bag: " + ids.length + " ids but no offsets");
    }

    public int size() {
        return offsets.length;
    }

    /** The bag index of every id (length ids.length). */
    public int[] bagOfEachId() {
        int[] r = new int[ids.length];
        for (int b = 0; b < offsets.length; b++) {
            int hi = b + 1 < offsets.length ? offsets[b + 1] : ids.length;
            for (int i = offsets[b]; i < hi; i++) r[i] = b;
        }
        return r;
    }

    /** Bags from explicit lists of ids. */
    public static Bag of(int[]... bags) {
        int n = 0;
        for (int[] b : bags) n += b.length;
        int[] ids = new int[n], off = new int[bags.length];
        int p = 0;
        for (int b = 0; b < bags.length; b++) {
            off[b] = p;
            System.arraycopy(bags[b], 0, ids, p, bags[b].length);
            p += bags[b].length;
        }
        return new Bag(ids, off);
    }
}
