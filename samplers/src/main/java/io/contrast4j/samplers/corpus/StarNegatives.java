package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * S203 · STAR: static hard negatives + random in-batch negatives (Zhan et al. 2021, <i>Optimizing Dense Retrieval
 * Model Training with Hard Negatives</i>; jingtaozhan/DRhard). Hard negatives are mined once (S201/S202 with
 * {@link RefreshSchedule#never()}); the other rows' documents of the batch serve as random negatives. This class
 * builds the {@code negative_mask} for the InfoNCE / pairwise column layout [B positives, B·K hard negatives]
 * (B x (B + B·K), 1 keep / 0 drop): a column is dropped for row i when its document is one of row i's relevant
 * documents (other than row i's own positive column), or is padding (id −1). No parameters.
 */
public final class StarNegatives implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S203", "STAR: static hard negatives + random in-batch negatives", "corpus-mining", "T1",
            "Zhan et al. 2021, Optimizing Dense Retrieval Model Training with Hard Negatives (jingtaozhan/DRhard)",
            "negatives(q_i) = static hard negatives ∪ other rows' documents, minus q_i's relevant documents");

    /**
     * @param batchPositives  row i's positive id (B)
     * @param hardNegatives   row i's K static hard negatives (B x K, −1 = padding)
     * @param rowRelevant     all relevant ids of row i's query (B rows; may be null = only its positive)
     * @return B x (B + B·K) int mask
     */
    public static int[][] mask(int[] batchPositives, int[][] hardNegatives, int[][] rowRelevant) {
        int b = batchPositives.length;
        if (hardNegatives == null || hardNegatives.length != b) throw new IllegalArgumentException("hardNegatives must have " + b + " rows");
        int k = b == 0 ? 0 : hardNegatives[0].length;
        for (int i = 0; i < b; i++) {
            if (hardNegatives[i] == null || hardNegatives[i].length != k) throw new IllegalArgumentException("hardNegatives[" + i + "] must have " + k + " ids");
        }
        if (rowRelevant != null && rowRelevant.length != b) throw new IllegalArgumentException("rowRelevant must have " + b + " rows");
        int[][] m = new int[b][b + b * k];
        for (int i = 0; i < b; i++) {
            int[] rel = rowRelevant == null || rowRelevant[i] == null ? new int[0] : rowRelevant[i].clone();
            rel = Arrays.copyOf(rel, rel.length + 1);
            rel[rel.length - 1] = batchPositives[i];
            Arrays.sort(rel);
            for (int j = 0; j < b; j++) m[i][j] = j == i || Arrays.binarySearch(rel, batchPositives[j]) < 0 ? 1 : 0;
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < k; s++) {
                    int id = hardNegatives[r][s];
                    m[i][b + r * k + s] = id >= 0 && Arrays.binarySearch(rel, id) < 0 ? 1 : 0;
                }
            }
        }
        return m;
    }

    /** {@link #mask} as an int tensor of shape B x (B + B·K), ready for InfoNCE's {@code negative_mask}. */
    public static Tensor maskTensor(int[] batchPositives, int[][] hardNegatives, int[][] rowRelevant) {
        int[][] m = mask(batchPositives, hardNegatives, rowRelevant);
        int b = m.length, c = b == 0 ? 0 : m[0].length;
        int[] flat = new int[b * c];
        for (int i = 0; i < b; i++) System.arraycopy(m[i], 0, flat, i * c, c);
        return Tensor.ofInts(flat, b, c);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("positives", "B", "positive id per row"), Input.ints("hard_negatives", "B x K", "static hard negatives"));
    }
}
