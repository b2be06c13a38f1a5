package io.contrast4j.trainer.data;

import java.util.List;
import java.util.Objects;

/**
 * One text training example: a query, a positive (relevant) text and zero or more negatives
 * (hard negatives when they were mined). A pair is a triplet with no negatives.
 */
public record TextTriplet(String query, String positive, List<String> negatives) {
    public TextTriplet {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(positive, "positive");
        negatives = List.copyOf(negatives);
    }

    /** A (query, positive) pair. */
    public static TextTriplet pair(String query, String positive) {
        return new TextTriplet(query, positive, List.of());
    }
}
