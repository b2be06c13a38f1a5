package io.contrast4j.samplers;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.Loss;
import io.contrast4j.samplers.batch.BatchSampler;
import io.contrast4j.samplers.batch.ContrastiveTensionSampler;
import io.contrast4j.samplers.batch.DefaultBatchSampler;
import io.contrast4j.samplers.batch.EpisodicSampler;
import io.contrast4j.samplers.batch.FixedSetOfTriplets;
import io.contrast4j.samplers.batch.GroupByLabelBatchSampler;
import io.contrast4j.samplers.batch.HierarchicalSampler;
import io.contrast4j.samplers.batch.MPerClassSampler;
import io.contrast4j.samplers.batch.MultiDatasetBatchSampler;
import io.contrast4j.samplers.batch.NoDuplicatesBatchSampler;
import io.contrast4j.samplers.batch.SamplerData;
import io.contrast4j.samplers.batch.Spec;
import io.contrast4j.samplers.batch.Clustering;
import io.contrast4j.samplers.batch.NeighbourhoodBatchSampler;
import io.contrast4j.samplers.batch.NgameBatchSampler;
import io.contrast4j.samplers.batch.TemperatureSampler;
import io.contrast4j.samplers.batch.TopicBalancedSampler;
import io.contrast4j.samplers.batch.TuplesToWeightsSampler;
import io.contrast4j.samplers.index.Metric;
import io.contrast4j.samplers.miners.AngularMiner;
import io.contrast4j.samplers.miners.BatchEasyHardMiner;
import io.contrast4j.samplers.miners.BaseMiner;
import io.contrast4j.samplers.miners.CrossBatchMemory;
import io.contrast4j.samplers.miners.DistanceWeightedMiner;
import io.contrast4j.samplers.miners.EmbeddingsAlreadyPackagedAsTriplets;
import io.contrast4j.samplers.miners.GroupConstrainedMiner;
import io.contrast4j.samplers.miners.HdcMiner;
import io.contrast4j.samplers.miners.Miner;
import io.contrast4j.samplers.miners.MinerDistances;
import io.contrast4j.samplers.miners.MultiSimilarityMiner;
import io.contrast4j.samplers.miners.PairMarginMiner;
import io.contrast4j.samplers.miners.SemiHardNegativeMiner;
import io.contrast4j.samplers.miners.TripletMarginMiner;
import io.contrast4j.samplers.miners.TupleConversions;
import io.contrast4j.samplers.miners.UniformHistogramMiner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every sampler-section component of the catalog, by ID: batch samplers (f, {@link #batchSamplers()}) and in-batch
 * miners (g, {@link #miners()}); further sections add their own lists and join them in {@link #all()}. Samplers and
 * miners are not differentiable, so their entries carry no gradient cases (contract tests cover them).
 * {@link #sampler} and {@link #miner} build components from string parameters with the catalog defaults, as
 * {@code c4j train --sampler S004 --miner S104} does.
 */
public final class SamplerRegistry {
    private SamplerRegistry() {
    }

    /** A batch sampler row: its description and how to build it from parameters and data (null: not a sampler). */
    public record SamplerRow(Registered spec, BiFunction<Params, SamplerData, BatchSampler> factory, List<String> aliases) {
    }

    /** A miner row: its description and how to build it (null: cannot be built from parameters alone). */
    public record MinerRow(Registered spec, Function<Params, Miner> factory, List<String> aliases, String howToBuild) {
    }

    // ---------------------------------------------------------------- (f) batch samplers

    public static List<SamplerRow> samplerRows() {
        List<SamplerRow> r = new ArrayList<>();
        r.add(new SamplerRow(DefaultBatchSampler.SPEC, (p, d) -> new DefaultBatchSampler(d.size(), p.getInt("batch_size", 32),
                p.getBoolean("drop_last", false)), List.of("DefaultBatchSampler", "batch_sampler")));
        r.add(new SamplerRow(NoDuplicatesBatchSampler.SPEC, (p, d) -> new NoDuplicatesBatchSampler(SamplerData.require("S002", "texts", d.texts()),
                p.getInt("batch_size", 32), p.getBoolean("drop_last", false)), List.of("NoDuplicatesBatchSampler", "no_duplicates")));
        r.add(new SamplerRow(GroupByLabelBatchSampler.SPEC, (p, d) -> new GroupByLabelBatchSampler(SamplerData.require("S003", "labels", d.labels()),
                p.getInt("batch_size", 32), p.getBoolean("drop_last", false)), List.of("GroupByLabelBatchSampler", "group_by_label")));
        r.add(new SamplerRow(MPerClassSampler.SPEC, (p, d) -> new MPerClassSampler(SamplerData.require("S004", "labels", d.labels()),
                p.getInt("m", 4), p.getInt("batch_size", 32), p.getInt("length_before_new_iter", 100000), p.getBoolean("allow_repeats", false)),
                List.of("MPerClassSampler", "PxK", "m_per_class")));
        r.add(new SamplerRow(HierarchicalSampler.SPEC, (p, d) -> new HierarchicalSampler(SamplerData.require("S005", "labels", d.labels()),
                SamplerData.require("S005", "super_labels", d.superLabels()), p.getInt("batch_size", 32), p.getInt("samples_per_class", 4),
                p.getInt("batches_per_super_tuple", 4), p.getInt("super_classes_per_batch", 2)), List.of("HierarchicalSampler")));
        r.add(new SamplerRow(FixedSetOfTriplets.SPEC, (p, d) -> new FixedSetOfTriplets(SamplerData.require("S006", "labels", d.labels()),
                p.getInt("num_triplets", 10000), p.getInt("batch_size", 30), p.getInt("seed", 0)), List.of("FixedSetOfTriplets")));
        r.add(new SamplerRow(TuplesToWeightsSampler.SPEC, (p, d) -> new TuplesToWeightsSampler(SamplerData.require("S007", "labels", d.labels()),
                SamplerData.require("S007", "embedder", d.embedder()), miner(p.getString("miner", "S104"), Params.empty()),
                p.getInt("batch_size", 32), p.getInt("subset_size", 0)), List.of("TuplesToWeightsSampler")));
        r.add(new SamplerRow(MultiDatasetBatchSampler.SPEC, SamplerRegistry::multiDataset,
                List.of("RoundRobinBatchSampler", "ProportionalBatchSampler", "multi_dataset")));
        r.add(new SamplerRow(TemperatureSampler.SPEC, (p, d) -> new TemperatureSampler(SamplerData.require("S009", "groups", d.groups()),
                p.getInt("batch_size", 32), p.getDouble("temperature", 2), p.getInt("cooldown_epochs", 0), temperatureMode(p)),
                List.of("temperature_sampling", "cooldown")));
        r.add(new SamplerRow(EpisodicSampler.SPEC, (p, d) -> new EpisodicSampler(SamplerData.require("S011", "labels", d.labels()),
                p.getInt("n_way", 5), p.getInt("k_shot", 1), p.getInt("q_query", 5), p.getInt("episodes", 100)), List.of("episodic")));
        r.add(new SamplerRow(TopicBalancedSampler.SPEC, (p, d) -> d.embeddings() != null
                ? TopicBalancedSampler.fromEmbeddings(d.embeddings(), p.getInt("clusters", 16), p.getInt("batch_size", 32), p.getInt("seed", 0))
                : new TopicBalancedSampler(SamplerData.require("S012", "embeddings (or topic ids as groups)", d.groups()), p.getInt("batch_size", 32)),
                List.of("TAS-Balanced", "tas_balanced")));
        r.add(new SamplerRow(NgameBatchSampler.SPEC, (p, d) -> new NgameBatchSampler(SamplerData.require("S013", "embeddings", d.embeddings()),
                p.getInt("batch_size", 32), p.getInt("cluster_size", 8), p.getInt("seed", 0)), List.of("NGAME")));
        r.add(new SamplerRow(NeighbourhoodBatchSampler.SPEC, (p, d) -> new NeighbourhoodBatchSampler(SamplerData.require("S014", "embeddings", d.embeddings()),
                d.groups(), p.getInt("batch_size", 32), p.getInt("neighbours", 8), metric(p.getString("metric", "cosine"))),
                List.of("DSS", "dynamic_similarity_sampling")));
        r.add(new SamplerRow(ContrastiveTensionSampler.SPEC, (p, d) -> new ContrastiveTensionSampler(d.size(), p.getInt("batch_size", 16),
                p.getInt("pos_neg_ratio", 8)), List.of("ContrastiveTensionDataLoader")));
        r.add(new SamplerRow(Clustering.INSTANCE, null, List.of("kmeans", "clustering")));
        r.add(new SamplerRow(io.contrast4j.samplers.batch.AioliBatchSampler.SPEC, (p, d) -> {
            int[] g = SamplerData.require("S010", "groups", d.groups());
            int groups = (int) java.util.Arrays.stream(g).distinct().count();
            return new io.contrast4j.samplers.batch.AioliBatchSampler(g, p.getInt("batch_size", 32), new io.contrast4j.samplers.batch.AioliMixing(groups,
                    p.getDouble("eta", 0.1), p.getDouble("one_hot_factor", 1), p.getInt("rounds", 1)));
        }, List.of("Aioli", "aioli")));
        return r;
    }

    private static TemperatureSampler.Mode temperatureMode(Params p) {
        String m = p.getString("mode", "temperature").toLowerCase(Locale.ROOT);
        return switch (m) {
            case "temperature" -> TemperatureSampler.Mode.TEMPERATURE;
            case "scalarisation", "scalarization" -> TemperatureSampler.Mode.SCALARISATION;
            default -> throw new IllegalArgumentException("S009: parameter 'mode' must be temperature or scalarisation, got '" + m + "'");
        };
    }

    private static Metric metric(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "cosine" -> Metric.COSINE;
            case "dot" -> Metric.DOT;
            case "l2", "euclidean" -> Metric.L2;
            default -> throw new IllegalArgumentException("S014: parameter 'metric' must be cosine, dot or l2, got '" + s + "'");
        };
    }

    private static BatchSampler multiDataset(Params p, SamplerData d) {
        String mode = p.getString("mode", "proportional").toLowerCase(Locale.ROOT);
        MultiDatasetBatchSampler.Mode m = switch (mode) {
            case "proportional" -> MultiDatasetBatchSampler.Mode.PROPORTIONAL;
            case "round_robin", "roundrobin", "round-robin" -> MultiDatasetBatchSampler.Mode.ROUND_ROBIN;
            default -> throw new IllegalArgumentException("S008: parameter 'mode' must be proportional or round_robin, got '" + mode + "'");
        };
        String innerId = p.getString("inner", "S001");
        if (findSampler(innerId).spec().info().id().equals("S008")) throw new IllegalArgumentException("S008: parameter 'inner' cannot be S008 itself");
        Map<String, String> rest = new java.util.LinkedHashMap<>(p.asMap());
        rest.remove("mode");
        rest.remove("inner");
        Params innerParams = Params.of(rest);
        int[] ds = SamplerData.require("S008", "groups (data set id per sample)", d.groups());
        return MultiDatasetBatchSampler.byDataset(ds, members -> sampler(innerId, innerParams, d.subset(members)), m);
    }

    /** Registry entries of the batch samplers (section f). */
    public static List<Entry> batchSamplers() {
        return samplerRows().stream().map(r -> new Entry(r.spec(), List.of())).toList();
    }

    // ---------------------------------------------------------------- (g) miners

    public static List<MinerRow> minerRows() {
        List<MinerRow> r = new ArrayList<>();
        r.add(new MinerRow(TupleConversions.INSTANCE, null, List.of("IndicesTuple"),
                "S100 is the IndicesTuple contract: use IndicesTuple and TupleConversions directly"));
        r.add(new MinerRow(spec(TripletMarginMiner.INFO, TripletMarginMiner.DEFAULTS), p -> new TripletMarginMiner(p.getDouble("margin", 0.2),
                TripletMarginMiner.parseType(p.getString("type_of_triplets", "all")), MinerDistances.fromParams("S101", p, "lp")),
                List.of("TripletMarginMiner"), null));
        r.add(new MinerRow(spec(BatchEasyHardMiner.INFO, BatchEasyHardMiner.DEFAULTS), p -> easyHard(p, "easy", "semihard"),
                List.of("BatchEasyHardMiner"), null));
        r.add(new MinerRow(spec(SemiHardNegativeMiner.INFO, SemiHardNegativeMiner.DEFAULTS), p -> new SemiHardNegativeMiner(
                MinerDistances.fromParams("S103", p.with("normalize", p.getString("normalize", "false")), "lp")),
                List.of("semihard", "BatchSemiHardMiner"), null));
        r.add(new MinerRow(spec(MultiSimilarityMiner.INFO, MultiSimilarityMiner.DEFAULTS), p -> new MultiSimilarityMiner(p.getDouble("epsilon", 0.1),
                MinerDistances.fromParams("S104", p, "cosine")), List.of("MultiSimilarityMiner", "ms"), null));
        r.add(new MinerRow(spec(PairMarginMiner.INFO, PairMarginMiner.DEFAULTS), p -> new PairMarginMiner(p.getDouble("pos_margin", 0.2),
                p.getDouble("neg_margin", 0.8), MinerDistances.fromParams("S105", p, "lp")), List.of("PairMarginMiner"), null));
        r.add(new MinerRow(spec(DistanceWeightedMiner.INFO, DistanceWeightedMiner.DEFAULTS), p -> new DistanceWeightedMiner(p.getDouble("cutoff", 0.5),
                p.getDouble("nonzero_loss_cutoff", 1.4), MinerDistances.fromParams("S106", p, "lp"), new Rng(p.getInt("seed", 0))),
                List.of("DistanceWeightedMiner"), null));
        r.add(new MinerRow(spec(AngularMiner.INFO, AngularMiner.DEFAULTS), p -> new AngularMiner(p.getDouble("angle", 20),
                MinerDistances.fromParams("S107", p, "lp")), List.of("AngularMiner"), null));
        r.add(new MinerRow(spec(HdcMiner.INFO, HdcMiner.DEFAULTS), p -> new HdcMiner(p.getDouble("filter_percentage", 0.5),
                MinerDistances.fromParams("S108", p, "lp")), List.of("HDCMiner"), null));
        r.add(new MinerRow(spec(UniformHistogramMiner.INFO, UniformHistogramMiner.DEFAULTS), p -> new UniformHistogramMiner(p.getInt("num_bins", 100),
                p.getInt("pos_per_bin", 10), p.getInt("neg_per_bin", 10), MinerDistances.fromParams("S109", p, "lp"), new Rng(p.getInt("seed", 0))),
                List.of("UniformHistogramMiner"), null));
        r.add(new MinerRow(new EmbeddingsAlreadyPackagedAsTriplets(), p -> new EmbeddingsAlreadyPackagedAsTriplets(),
                List.of("EmbeddingsAlreadyPackagedAsTriplets"), null));
        r.add(new MinerRow(spec(CrossBatchMemory.INFO, Map.of("memory_size", "1024")), null, List.of("CrossBatchMemory", "xbm"),
                "S111 wraps a loss: build it with SamplerRegistry.crossBatchMemory(loss, params, miner)"));
        r.add(new MinerRow(spec(GroupConstrainedMiner.INFO, Map.of("mode", "same_group", "inner", "S102")), SamplerRegistry::groupConstrained,
                List.of("group_constrained"), null));
        return r;
    }

    private static Registered spec(CatalogInfo info, Map<String, String> defaults) {
        return new Spec(info, defaults, BaseMiner.MINER_INPUTS);
    }

    private static Miner easyHard(Params p, String pos, String neg) {
        return new BatchEasyHardMiner(BatchEasyHardMiner.parseStrategy("pos_strategy", p.getString("pos_strategy", pos)),
                BatchEasyHardMiner.parseStrategy("neg_strategy", p.getString("neg_strategy", neg)),
                BatchEasyHardMiner.parseRange("allowed_pos_range", p.getString("allowed_pos_range", "")),
                BatchEasyHardMiner.parseRange("allowed_neg_range", p.getString("allowed_neg_range", "")),
                MinerDistances.fromParams("S102", p, "lp"));
    }

    private static Miner groupConstrained(Params p) {
        String mode = p.getString("mode", "same_group").toLowerCase(Locale.ROOT);
        GroupConstrainedMiner.Mode m = switch (mode) {
            case "same_group" -> GroupConstrainedMiner.Mode.SAME_GROUP;
            case "cross_group_negatives" -> GroupConstrainedMiner.Mode.CROSS_GROUP_NEGATIVES;
            default -> throw new IllegalArgumentException("S112: parameter 'mode' must be same_group or cross_group_negatives, got '" + mode + "'");
        };
        String innerId = p.getString("inner", "S102");
        Map<String, String> rest = new java.util.LinkedHashMap<>(p.asMap());
        rest.remove("mode");
        rest.remove("inner");
        Params innerParams = Params.of(rest);
        Miner inner = innerId.equalsIgnoreCase("S102") && !innerParams.has("pos_strategy") && !innerParams.has("neg_strategy")
                ? easyHard(innerParams, "hard", "hard") : miner(innerId, innerParams);
        return new GroupConstrainedMiner(inner, m);
    }

    /** Registry entries of the in-batch miners (section g). */
    public static List<Entry> miners() {
        return minerRows().stream().map(r -> new Entry(r.spec(), List.of())).toList();
    }

    // ---------------------------------------------------------------- all

    /** Every entry of this registry: batch samplers, then miners (other sections append their lists here). */
    public static List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        out.addAll(batchSamplers());
        out.addAll(miners());
        out.addAll(io.contrast4j.samplers.corpus.CorpusComponents.entries());
        out.addAll(io.contrast4j.samplers.mixing.Mixers.entries());
        out.addAll(io.contrast4j.samplers.weighting.Weighters.entries());
        return out;
    }

    /** Same as {@link #all()}: the entries for {@code c4j list}. */
    public static List<Entry> entries() {
        return all();
    }

    // ---------------------------------------------------------------- factories

    /**
     * Builds batch sampler {@code idOrName} (catalog ID, name or library class name, case-insensitive) from
     * parameters (unknown names refused; missing ones take the catalog defaults) over {@code data}.
     */
    public static BatchSampler sampler(String idOrName, Params params, SamplerData data) {
        SamplerRow row = findSampler(idOrName);
        String id = row.spec().info().id();
        if (row.factory() == null) {
            throw new IllegalArgumentException(id + " (" + row.spec().info().name() + ") is a building block, not a batch sampler: use its class directly");
        }
        if (data == null) throw new IllegalArgumentException(id + ": no data given");
        Set<String> known = new HashSet<>(row.spec().defaults().keySet());
        if (id.equals("S008")) known = null; // forwards the rest to the inner sampler, which checks them
        if (known != null) params.checkKnown(known);
        BatchSampler s = row.factory().apply(params, data);
        if (s.size() != data.size()) throw new IllegalArgumentException(id + ": data size " + data.size() + " but the per-sample inputs cover " + s.size() + " samples");
        return s;
    }

    /** Builds miner {@code idOrName} from parameters with the catalog defaults. */
    public static Miner miner(String idOrName, Params params) {
        MinerRow row = findMiner(idOrName);
        String id = row.spec().info().id();
        if (row.factory() == null) throw new IllegalArgumentException(row.howToBuild());
        boolean batchHard = idOrName.equalsIgnoreCase("BatchHardMiner") || idOrName.equalsIgnoreCase("batch_hard") || idOrName.equalsIgnoreCase("batch-hard");
        if (!id.equals("S112")) {
            Set<String> known = new HashSet<>(row.spec().defaults().keySet());
            if (row.spec() instanceof Spec && !id.equals("S110")) known.addAll(MinerDistances.NAMES);
            params.checkKnown(known);
        }
        if (batchHard) return easyHard(params, "hard", "hard");
        return row.factory().apply(params);
    }

    /** S111 around {@code inner} (a loss that takes reference embeddings); {@code miner} may be null (all pairs). */
    public static CrossBatchMemory crossBatchMemory(Loss inner, Params params, Miner miner) {
        params.checkKnown(Set.of("memory_size"));
        return new CrossBatchMemory(inner, params.getInt("memory_size", 1024), miner);
    }

    static SamplerRow findSampler(String idOrName) {
        for (SamplerRow r : samplerRows()) if (matches(r.spec().info(), r.aliases(), idOrName)) return r;
        throw new IllegalArgumentException("unknown batch sampler '" + idOrName + "' (see 'c4j list samplers')");
    }

    static MinerRow findMiner(String idOrName) {
        if (idOrName != null && (idOrName.equalsIgnoreCase("BatchHardMiner") || idOrName.equalsIgnoreCase("batch_hard") || idOrName.equalsIgnoreCase("batch-hard"))) {
            return findMiner("S102");
        }
        for (MinerRow r : minerRows()) if (matches(r.spec().info(), r.aliases(), idOrName)) return r;
        throw new IllegalArgumentException("unknown miner '" + idOrName + "' (see 'c4j list miners')");
    }

    private static boolean matches(CatalogInfo info, List<String> aliases, String q) {
        if (q == null) return false;
        String n = norm(q);
        if (info.id().equalsIgnoreCase(q.trim()) || norm(info.name()).equals(n)) return true;
        for (String a : aliases) if (norm(a).equals(n)) return true;
        return false;
    }

    private static String norm(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
