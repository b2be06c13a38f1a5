package io.contrast4j.trainer.metrics;

/**
 * Query embeddings (N x D) with class labels, and an optional separate reference set (PML
 * {@code get_accuracy(query, query_labels, reference, reference_labels)}). When {@code reference} is
 * {@code null} the queries are their own reference set and each query is excluded from its own neighbour
 * list (leave-one-out; PML {@code ref_includes_query=True}).
 */
public record LabelledEmbeddings(float[][] embeddings, int[] labels, float[][] reference, int[] referenceLabels) implements MetricInput {
    public LabelledEmbeddings {
        int d = Check.matrix("embeddings", embeddings);
        Check.notNull("labels", labels);
        Check.sameLength("embeddings", embeddings.length, "labels", labels.length);
        if ((reference == null) != (referenceLabels == null)) {
            throw new IllegalArgumentException("reference and referenceLabels must be both given or both null");
        }
        if (reference != null) {
            int dr = Check.matrix("reference", reference);
            Check.sameLength("reference", reference.length, "referenceLabels", referenceLabels.length);
            if (reference.length > 0 && embeddings.length > 0 && dr != d) {
                throw new IllegalArgumentException("reference has dimension " + dr + " but embeddings have " + d);
            }
        }
    }

    /** Queries that are their own reference set (leave-one-out). */
    public LabelledEmbeddings(float[][] embeddings, int[] labels) {
        this(embeddings, labels, null, null);
    }

    public boolean selfReference() {
        return reference == null;
    }

    public float[][] ref() {
        return reference == null ? embeddings : reference;
    }

    public int[] refLabels() {
        return reference == null ? labels : referenceLabels;
    }
}
