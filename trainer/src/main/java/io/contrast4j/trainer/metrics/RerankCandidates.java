package io.contrast4j.trainer.metrics;

import java.util.List;

/** Per query: the model's score for each candidate and whether it is relevant (ST {@code RerankingEvaluator}, M06). */
public record RerankCandidates(List<double[]> scores, List<boolean[]> relevant) implements MetricInput {
    public RerankCandidates {
        Check.noNulls("scores", scores);
        Check.noNulls("relevant", relevant);
        Check.sameLength("scores", scores.size(), "relevant", relevant.size());
        for (int q = 0; q < scores.size(); q++) {
            Check.finite("scores.get(" + q + ")", scores.get(q));
            Check.sameLength("scores.get(" + q + ")", scores.get(q).length, "relevant.get(" + q + ")", relevant.get(q).length);
        }
        scores = List.copyOf(scores);
        relevant = List.copyOf(relevant);
    }
}
