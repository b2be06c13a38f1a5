package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Registry rows of section (h) (corpus mining, false-negative filters, refresh schedules) and factories by name,
 * for the lead's SamplerRegistry. Corpus components are not differentiable: their rows carry no gradient checks.
 */
public final class CorpusComponents {
    private CorpusComponents() {
    }

    /** One row per catalog ID implemented in this package (S200–S210, S213–S219). */
    public static List<Entry> entries() {
        KnnIndex tiny = KnnIndex.of(new float[][]{{1, 0}, {0, 1}}, Metric.COSINE);
        DocSimilarity docs = DocSimilarity.of(tiny);
        List<Registered> rows = List.of(
                new DenseCandidateSource(tiny, new float[][]{{1, 0}}),
                new Bm25CandidateSource(new io.contrast4j.samplers.index.Bm25(List.of("a b", "b c")), List.of("a")),
                new HardNegativeMiner(),
                new StarNegatives(),
                new AdoreMiner(tiny),
                new ConanRefresher(new int[0][], new double[0][], 100, 1.15),
                RefreshSchedule.everySteps(100),
                new TwoConditionFilter(docs),
                new ConsistencyFilter(2),
                new AdaptiveThresholdFilter(9),
                SoftNmsSelector.gaussian(docs),
                MultiSourceCandidateSource.union(List.of(new DenseCandidateSource(tiny, new float[][]{{1, 0}}))),
                new JudgeCyclicalSampler((q, d) -> 0.0),
                new CascadeRelabeler((q, d) -> 0.0),
                new LemonCorruptor(new int[]{0, 0, 1}, 0.5, 0.5, 0),
                new CitationNegatives(new int[][]{{1}, {}}),
                new ChesFilter(docs),
                new AnnCurSource(new double[][]{{1, 0}}, new int[]{0}, (q, d) -> 0.0, 0));
        List<Entry> out = new ArrayList<>();
        for (Registered r : rows) out.add(new Entry(r, List.of()));
        return out;
    }

    /** False-negative filter by name: score_range, absolute_margin, relative_margin, adaptive_threshold. */
    public static FalseNegativeFilter filter(String name, Params p) {
        return switch (name) {
            case "score_range" -> {
                p.checkKnown(Set.of("min_score", "max_score"));
                yield new ScoreRangeFilter(p.getDouble("min_score", Double.NEGATIVE_INFINITY), p.getDouble("max_score", Double.POSITIVE_INFINITY));
            }
            case "absolute_margin", "topk_marginpos" -> {
                p.checkKnown(Set.of("absolute_margin"));
                yield new AbsoluteMarginFilter(p.getDouble("absolute_margin", AbsoluteMarginFilter.DEFAULT_MARGIN));
            }
            case "relative_margin", "topk_percpos" -> {
                p.checkKnown(Set.of("relative_margin"));
                yield new RelativeMarginFilter(p.getDouble("relative_margin", RelativeMarginFilter.DEFAULT_RELATIVE_MARGIN));
            }
            case "adaptive_threshold", "S216" -> {
                p.checkKnown(Set.of("k"));
                yield new AdaptiveThresholdFilter(p.getInt("k", 9));
            }
            default -> throw new IllegalArgumentException("unknown false-negative filter '" + name
                    + "' (known: score_range, absolute_margin, relative_margin, adaptive_threshold; guide_model and two_condition need a scorer)");
        };
    }

    /** Negative selector by name: top, random, softmax (parameter temperature). */
    public static NegativeSelector selector(String name, Params p) {
        return switch (name) {
            case "top" -> NegativeSelector.TOP;
            case "random" -> NegativeSelector.RANDOM;
            case "softmax", "S213" -> {
                p.checkKnown(Set.of("temperature"));
                yield new SoftmaxSelector(p.getPositive("temperature", 0.05));
            }
            default -> throw new IllegalArgumentException("unknown negative selector '" + name + "' (known: top, random, softmax; soft_nms needs document vectors)");
        };
    }

    /** Refresh schedule by name: static, every_steps (every_steps=N), every_epochs (every_epochs=N), on_plateau. */
    public static RefreshSchedule schedule(String name, Params p) {
        return switch (name) {
            case "static", "never" -> RefreshSchedule.never();
            case "every_steps" -> {
                p.checkKnown(Set.of("every_steps"));
                yield RefreshSchedule.everySteps(p.getInt("every_steps", 100));
            }
            case "every_epochs" -> {
                p.checkKnown(Set.of("every_epochs"));
                yield RefreshSchedule.everyEpochs(p.getInt("every_epochs", 1));
            }
            case "on_plateau" -> {
                p.checkKnown(Set.of("patience", "min_delta"));
                yield new OnPlateauSchedule(p.getInt("patience", 3), p.getDouble("min_delta", 1e-4));
            }
            default -> throw new IllegalArgumentException("unknown refresh schedule '" + name + "' (known: static, every_steps, every_epochs, on_plateau)");
        };
    }

    /** The S201 miner from ST-style parameters (see {@link HardNegativeMiner#fromParams}). */
    public static HardNegativeMiner miner(Params p) {
        return HardNegativeMiner.fromParams(p);
    }
}
