package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Registry of the evaluation metrics of CATALOG.md section (l), keyed by catalog ID. */
public final class Metrics {
    private static final Map<String, Function<Params, Metric>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("M01", RetrievalMetrics::new);
        FACTORIES.put("M02", AccuracyCalculator::new);
        FACTORIES.put("M03", StsCorrelation::new);
        FACTORIES.put("M04", BinaryClassificationMetrics::new);
        FACTORIES.put("M05", TripletAccuracy::new);
        FACTORIES.put("M06", RerankingMetrics::new);
        FACTORIES.put("M07", SentenceTransformersEvaluators::new);
        FACTORIES.put("M08", NanoBeirProtocol::new);
        FACTORIES.put("M09", AlignmentUniformity::new);
        FACTORIES.put("M10", RankMe::new);
        FACTORIES.put("M11", NeuralCollapse::new);
        FACTORIES.put("M12", Opis::new);
        FACTORIES.put("M13", ExpectedCalibrationError::new);
        FACTORIES.put("M14", AngularVisualHardness::new);
        FACTORIES.put("M15", Utilization::new);
        FACTORIES.put("M16", FrozenEmbeddingProbes::new);
        FACTORIES.put("M17", SageOodScore::new);
        FACTORIES.put("M18", GradientAgreement::new);
        FACTORIES.put("M19", LossLandscape::new);
        FACTORIES.put("M20", MoePathways::new);
        FACTORIES.put("M21", EvalSetConstruction::new);
        FACTORIES.put("M22", PlackettLuceAggregation::new);
    }

    private Metrics() {
    }

    /** One default-configured instance of every registered metric, in ID order. */
    public static List<Metric> all() {
        List<Metric> out = new ArrayList<>();
        for (Function<Params, Metric> f : FACTORIES.values()) out.add(f.apply(Params.empty()));
        return List.copyOf(out);
    }

    /** The registered IDs, in order. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Default instance by catalog ID (e.g. {@code M02}). */
    public static Metric byId(String id) {
        return create(id, Params.empty());
    }

    /** Default instance by display name (case-insensitive, as in {@link io.contrast4j.autograd.registry.CatalogInfo#name()}). */
    public static Metric byName(String name) {
        for (Metric m : all()) if (m.info().name().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("unknown metric name '" + name + "' (known: " + names() + ")");
    }

    /** Instance by catalog ID with parameters (unknown parameter names are refused). */
    public static Metric create(String id, Params params) {
        Function<Params, Metric> f = id == null ? null : FACTORIES.get(id.toUpperCase(Locale.ROOT));
        if (f == null) throw new IllegalArgumentException("unknown metric id '" + id + "' (known: " + String.join(", ", FACTORIES.keySet()) + ")");
        return f.apply(params);
    }

    private static String names() {
        List<String> n = new ArrayList<>();
        for (Metric m : all()) n.add(m.info().name());
        return String.join(", ", n);
    }
}
