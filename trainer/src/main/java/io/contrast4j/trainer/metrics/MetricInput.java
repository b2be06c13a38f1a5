package io.contrast4j.trainer.metrics;

/**
 * The typed inputs of the metrics (CATALOG.md §0.5 input kinds, specialised to evaluation).
 * Every record validates its arrays on construction (shapes, finiteness) and throws
 * {@link IllegalArgumentException} naming the field.
 */
public sealed interface MetricInput permits Embeddings, LabelledEmbeddings, RankedRetrieval, RetrievalSuite, RetrievalRuns,
        ScoredPairs, VerificationPairs, Triplets, PreferencePairs, RerankCandidates, ParaphraseCandidates,
        AlignedEmbeddings, ClassScores, MultiLabelScores, Confidences, FeaturesWithClassifier, TrainTestEmbeddings,
        ProbeSplit, OodInput, GradientPairs, LandscapeProbe, Pathways, TaskScores, Timestamps, SampleResults {
}
