package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.LossInputs;

import java.util.List;

/** Input names and checks of the sentence-transformers column layouts (Pairs+score and (anchor, positive[, negative])). */
public final class PairInputs {
    public static final String ANCHORS = "anchors";
    public static final String POSITIVES = "positives";
    public static final String NEGATIVES = "negatives";
    public static final String LABELS = "labels";

    private PairInputs() {
    }

    /** (anchors, positives, float labels/scores), rows aligned. */
    public static List<Input> pairsWithScore(String labelDoc) {
        return List.of(Input.floats(ANCHORS, "N x D", "first column embeddings"),
                Input.floats(POSITIVES, "N x D", "second column embeddings (row-aligned)"),
                Input.floats(LABELS, "N", labelDoc));
    }

    /** Checks that the named 2-D inputs share rows and columns and that labels (if given) have one per row. */
    public static void checkAligned(String id, LossInputs in, String... names) {
        Tensor first = in.get(names[0]);
        for (String n : names) {
            Tensor t = in.get(n);
            if (t.rank() != 2 || t.dim(0) != first.dim(0) || t.dim(1) != first.dim(1)) {
                throw new IllegalArgumentException(id + ": input '" + n + "' must be " + first.dim(0) + " x " + first.dim(1) + " like '" + names[0] + "', got " + java.util.Arrays.toString(t.shape()));
            }
        }
        if (in.has(LABELS) && in.get(LABELS).numel() != first.dim(0)) {
            throw new IllegalArgumentException(id + ": " + first.dim(0) + " rows but " + in.get(LABELS).numel() + " labels");
        }
    }

    /** Row-wise cosine similarity of two aligned matrices. */
    public static Tensor cos(Tensor a, Tensor b) {
        return a.normalize(1).mul(b.normalize(1)).sum(new int[]{1}, false);
    }
}
