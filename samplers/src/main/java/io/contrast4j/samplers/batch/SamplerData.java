package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Tensor;

import java.util.function.Function;

/**
 * Per-sample information a batch sampler may need, for building samplers by ID ({@code SamplerRegistry.sampler}).
 * Only {@code size} is always required; each sampler names the fields it needs in its error.
 *
 * @param size        number of samples
 * @param labels      class labels (S003, S004, S005, S006, S007, S011)
 * @param superLabels super-class labels (S005)
 * @param groups      data set / task / group / identity id per sample (S008, S009, S014)
 * @param texts       text values of every row (S002)
 * @param embeddings  per-sample embeddings for cluster-based samplers (S012, S013, S014)
 * @param embedder    embeds the samples at the given indices, |indices| x D (S007)
 */
public record SamplerData(int size, int[] labels, int[] superLabels, int[] groups, String[][] texts, float[][] embeddings,
                          Function<int[], Tensor> embedder) {

    public static SamplerData ofSize(int size) {
        return new SamplerData(size, null, null, null, null, null, null);
    }

    public static SamplerData ofLabels(int[] labels) {
        return new SamplerData(labels.length, labels, null, null, null, null, null);
    }

    public SamplerData withLabels(int[] v) {
        return new SamplerData(size, v, superLabels, groups, texts, embeddings, embedder);
    }

    public SamplerData withSuperLabels(int[] v) {
        return new SamplerData(size, labels, v, groups, texts, embeddings, embedder);
    }

    public SamplerData withGroups(int[] v) {
        return new SamplerData(size, labels, superLabels, v, texts, embeddings, embedder);
    }

    public SamplerData withTexts(String[][] v) {
        return new SamplerData(size, labels, superLabels, groups, v, embeddings, embedder);
    }

    public SamplerData withEmbeddings(float[][] v) {
        return new SamplerData(size, labels, superLabels, groups, texts, v, embedder);
    }

    public SamplerData withEmbedder(Function<int[], Tensor> v) {
        return new SamplerData(size, labels, superLabels, groups, texts, embeddings, v);
    }

    /** The same information restricted to the samples {@code idx} (in that order). */
    public SamplerData subset(int[] idx) {
        return new SamplerData(idx.length, pick(labels, idx), pick(superLabels, idx), pick(groups, idx),
                texts == null ? null : java.util.Arrays.stream(idx).mapToObj(i -> texts[i]).toArray(String[][]::new),
                embeddings == null ? null : java.util.Arrays.stream(idx).mapToObj(i -> embeddings[i]).toArray(float[][]::new),
                embedder == null ? null : local -> {
                    int[] g = new int[local.length];
                    for (int k = 0; k < local.length; k++) g[k] = idx[local[k]];
                    return embedder.apply(g);
                });
    }

    private static int[] pick(int[] a, int[] idx) {
        if (a == null) return null;
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = a[idx[k]];
        return out;
    }

    /** The named field, or an error saying the sampler needs it. */
    public static <T> T require(String id, String name, T v) {
        if (v == null) throw new IllegalArgumentException(id + ": needs per-sample '" + name + "' in the data");
        return v;
    }
}
