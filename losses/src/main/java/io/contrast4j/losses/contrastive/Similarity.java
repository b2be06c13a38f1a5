package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;

/** Similarity used by the in-batch-negative losses: cosine (D02, ST {@code cos_sim}) or dot product (D03). */
public enum Similarity {
    COS, DOT;

    /** Nq x Nr similarity matrix of {@code q} (Nq x D) and {@code r} (Nr x D). */
    public Tensor matrix(Tensor q, Tensor r) {
        return prepare(q).matmul(prepare(r), false, true);
    }

    /** Row-aligned similarities of two N x D matrices (length N). */
    public Tensor pairwise(Tensor q, Tensor r) {
        return prepare(q).mul(prepare(r)).sum(new int[]{q.rank() - 1}, false);
    }

    /** The embeddings as compared: L2-normalised rows for COS, unchanged for DOT. */
    public Tensor prepare(Tensor x) {
        return this == COS ? x.normalize(x.rank() - 1) : x;
    }

    public static Similarity parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "cos", "cosine", "d02" -> COS;
            case "dot", "dot_product", "d03" -> DOT;
            default -> throw new IllegalArgumentException("parameter 'similarity' must be cos or dot, got '" + s + "'");
        };
    }
}
