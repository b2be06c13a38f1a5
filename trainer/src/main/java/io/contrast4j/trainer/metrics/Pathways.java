package io.contrast4j.trainer.metrics;

/**
 * Mixture-of-experts routing pathways (M20): per sample, the sequence of chosen expert ids across layers
 * (for top-k routing, the k ids of each layer concatenated), and optionally per sample and layer the
 * router-weighted aggregate of the chosen experts' embeddings ({@code layerEmbeddings[i][l]}, samples x layers x D).
 */
public record Pathways(int[][] experts, float[][][] layerEmbeddings) implements MetricInput {
    public Pathways {
        Check.notNull("experts", experts);
        for (int i = 0; i < experts.length; i++) Check.notNull("experts[" + i + "]", experts[i]);
        if (layerEmbeddings != null) {
            Check.sameLength("layerEmbeddings", layerEmbeddings.length, "experts", experts.length);
            for (int i = 0; i < layerEmbeddings.length; i++) Check.matrix("layerEmbeddings[" + i + "]", layerEmbeddings[i]);
        }
    }

    public Pathways(int[][] experts) {
        this(experts, null);
    }
}
