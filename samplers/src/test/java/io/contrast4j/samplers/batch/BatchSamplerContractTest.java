package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.samplers.SamplerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchSamplerContractTest {

    /** A data set of n samples with random labels in [0, classes) (each class has at least minPer samples). */
    static int[] labels(long seed, int classes, int minPer, int extra) {
        Rng r = new Rng(seed);
        int n = classes * minPer + extra;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i < classes * minPer ? i % classes : r.nextInt(classes);
        r.shuffle(y);
        return y;
    }

    static SamplerData data(long seed) {
        int[] y = labels(seed, 8, 6, 20);
        int n = y.length;
        int[] sup = new int[n];
        for (int i = 0; i < n; i++) sup[i] = y[i] % 4;
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) groups[i] = i % 3;
        String[][] texts = new String[n][];
        Rng r = new Rng(seed + 1);
        for (int i = 0; i < n; i++) texts[i] = new String[]{"q" + r.nextInt(n / 2), "d" + r.nextInt(n / 2)};
        float[][] emb = new float[n][4];
        for (int i = 0; i < n; i++) for (int k = 0; k < 4; k++) emb[i][k] = (float) r.nextGaussian() + y[i] % 4;
        return SamplerData.ofLabels(y).withSuperLabels(sup).withGroups(groups).withTexts(texts).withEmbeddings(emb)
                .withEmbedder(idx -> {
                    float[][] rows = new float[idx.length][];
                    for (int k = 0; k < idx.length; k++) rows[k] = emb[idx[k]];
                    return io.contrast4j.autograd.Tensor.fromArray(rows);
                });
    }

    static Params smallParams(String id) {
        return switch (id) {
            case "S001", "S002", "S003" -> Params.of(Map.of("batch_size", "8"));
            case "S004" -> Params.of(Map.of("batch_size", "12", "m", "3", "length_before_new_iter", "120"));
            case "S005" -> Params.of(Map.of("batch_size", "8", "samples_per_class", "2", "batches_per_super_tuple", "2"));
            case "S006" -> Params.of(Map.of("batch_size", "9", "num_triplets", "30"));
            case "S008" -> Params.of(Map.of("batch_size", "5"));
            case "S011" -> Params.of(Map.of("n_way", "3", "k_shot", "2", "q_query", "2", "episodes", "10"));
            case "S015" -> Params.of(Map.of("batch_size", "8", "pos_neg_ratio", "4"));
            case "S012" -> Params.of(Map.of("batch_size", "8", "clusters", "4"));
            case "S013" -> Params.of(Map.of("batch_size", "8", "cluster_size", "4"));
            case "S014" -> Params.of(Map.of("batch_size", "8", "neighbours", "3"));
            default -> Params.of(Map.of("batch_size", "8"));
        };
    }

    static Stream<Arguments> samplerSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (var e : SamplerRegistry.samplerRows()) {
            if (e.factory() == null) continue;
            for (long seed : new long[]{1, 7, 42}) out.add(Arguments.of(e.spec().info().id(), seed));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("samplerSeeds")
    void deterministicForSeedAndDifferentAcrossSeeds(String id, long seed) {
        SamplerData d = data(seed);
        BatchSampler s = SamplerRegistry.sampler(id, smallParams(id), d);
        List<int[]> a = s.epoch(seed, 0), b = s.epoch(seed, 0);
        String ctx = id + " seed=" + seed;
        assertFalse(a.isEmpty(), ctx + ": empty epoch");
        assertEquals(a.size(), b.size(), ctx);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), ctx + " batch " + i);
        List<int[]> c = s.epoch(seed + 1000, 0);
        boolean differ = c.size() != a.size();
        for (int i = 0; !differ && i < a.size(); i++) differ = !Arrays.equals(a.get(i), c.get(i));
        assertTrue(differ, ctx + ": another seed gave identical batches");
        List<int[]> e1 = s.epoch(seed, 1);
        boolean differEpoch = e1.size() != a.size();
        for (int i = 0; !differEpoch && i < a.size(); i++) differEpoch = !Arrays.equals(a.get(i), e1.get(i));
        assertTrue(differEpoch, ctx + ": epoch 1 repeated epoch 0");
        for (int[] batch : a) for (int i : batch) assertTrue(i >= 0 && i < d.size(), ctx + ": index " + i + " outside the data");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99})
    void pxkBatchesHaveExactlyPClassesWithKEach(long seed) {
        int[] y = labels(seed, 10, 5, 17);
        int p = 4, k = 5;
        MPerClassSampler s = new MPerClassSampler(y, k, p * k, 1000, false);
        List<int[]> batches = s.epoch(seed, 0);
        assertEquals(1000 / (p * k), batches.size(), "seed=" + seed);
        for (int[] b : batches) {
            assertEquals(p * k, b.length, "seed=" + seed);
            Map<Integer, Integer> count = new HashMap<>();
            for (int i : b) count.merge(y[i], 1, Integer::sum);
            assertEquals(p, count.size(), "seed=" + seed + " classes in batch " + Arrays.toString(b));
            for (int c : count.values()) assertEquals(k, c, "seed=" + seed + " samples per class");
            assertEquals(b.length, Arrays.stream(b).distinct().count(), "seed=" + seed + " repeated sample without allow_repeats");
        }
    }

    @Test
    void pxkRefusesSmallClassUnlessRepeatsAllowed() {
        int[] y = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(y, 4, 8, 100, false));
        assertEquals("S004: class 3 has 2 samples but m=4 (set allow_repeats=true or lower m)", e.getMessage());
        MPerClassSampler ok = new MPerClassSampler(y, 4, 8, 100, true);
        for (int[] b : ok.epoch(5, 0)) {
            Map<Integer, Integer> count = new HashMap<>();
            for (int i : b) count.merge(y[i], 1, Integer::sum);
            assertEquals(2, count.size());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(y, 4, 10, 100, true)).getMessage().contains("not a multiple of m=4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(y, 2, 10, 100, true)).getMessage().contains("needs 5 classes"));
    }

    @Test
    void nonPositiveBatchSizeIsRefusedNamingTheParameter() {
        for (String id : List.of("S001", "S002", "S003", "S004", "S005", "S006", "S007", "S009", "S012", "S013", "S014", "S015")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SamplerRegistry.sampler(id, Params.of(Map.of("batch_size", "0")), data(1)), id);
            assertTrue(e.getMessage().startsWith(id + ": parameter 'batch_size' must be > 0"), id + ": " + e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.sampler(id, Params.of(Map.of("batch_size", "-3")), data(1)), id);
            assertTrue(e.getMessage().contains("'batch_size' must be > 0, got -3"), id + ": " + e.getMessage());
        }
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.sampler("S999", Params.empty(), data(1)));
        assertTrue(u.getMessage().contains("c4j list samplers"), u.getMessage());
        IllegalArgumentException unknownParam = assertThrows(IllegalArgumentException.class,
                () -> SamplerRegistry.sampler("S004", Params.of(Map.of("k", "3")), data(1)));
        assertTrue(unknownParam.getMessage().contains("unknown parameter 'k'"), unknownParam.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SamplerRegistry.sampler("S004", Params.empty(), SamplerData.ofSize(10)));
        assertEquals("S004: needs per-sample 'labels' in the data", missing.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4, 5})
    void defaultSamplerIsAPermutation(long seed) {
        DefaultBatchSampler s = new DefaultBatchSampler(23, 5, false);
        List<int[]> b = s.epoch(seed, 0);
        assertEquals(5, b.size(), "seed=" + seed);
        assertEquals(3, b.get(4).length, "seed=" + seed);
        int[] all = b.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        for (int i = 0; i < 23; i++) assertEquals(i, all[i], "seed=" + seed);
        assertEquals(4, new DefaultBatchSampler(23, 5, true).epoch(seed, 0).size(), "seed=" + seed + " drop_last");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void noDuplicatesBatchesShareNoValueAndUseEveryRowOnce(long seed) {
        SamplerData d = data(seed);
        NoDuplicatesBatchSampler s = new NoDuplicatesBatchSampler(d.texts(), 8, false);
        List<int[]> batches = s.epoch(seed, 0);
        Set<Integer> seen = new HashSet<>();
        for (int[] b : batches) {
            Set<String> values = new HashSet<>();
            for (int i : b) {
                assertTrue(seen.add(i), "seed=" + seed + " row " + i + " used twice");
                for (String v : new HashSet<>(Arrays.asList(d.texts()[i]))) assertTrue(values.add(v), "seed=" + seed + " duplicate '" + v + "' in a batch");
            }
        }
        assertEquals(d.size(), seen.size(), "seed=" + seed + " rows lost");
        for (int[] b : new NoDuplicatesBatchSampler(d.texts(), 8, true).epoch(seed, 0)) assertEquals(8, b.length, "seed=" + seed + " drop_last");
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void groupByLabelKeepsEvenGroupsTogether(long seed) {
        int[] y = labels(seed, 5, 3, 9);
        GroupByLabelBatchSampler s = new GroupByLabelBatchSampler(y, 6, false);
        int[] flat = s.epoch(seed, 0).stream().flatMapToInt(Arrays::stream).toArray();
        Map<Integer, Integer> count = new HashMap<>();
        for (int i : flat) count.merge(y[i], 1, Integer::sum);
        Map<Integer, Integer> total = new HashMap<>();
        for (int v : y) total.merge(v, 1, Integer::sum);
        for (var e : total.entrySet()) assertEquals(e.getValue() / 2 * 2, count.getOrDefault(e.getKey(), 0), "seed=" + seed + " label " + e.getKey());
        // labels are contiguous runs in the flattened order
        Set<Integer> closed = new HashSet<>();
        for (int i = 1; i < flat.length; i++) {
            if (y[flat[i]] != y[flat[i - 1]]) {
                assertTrue(closed.add(y[flat[i - 1]]), "seed=" + seed);
                assertFalse(closed.contains(y[flat[i]]), "seed=" + seed + " label " + y[flat[i]] + " split");
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GroupByLabelBatchSampler(y, 5, false)).getMessage().contains("must be even"));
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void hierarchicalBatchesSplitEvenlyAmongSuperClasses(long seed) {
        SamplerData d = data(seed);
        HierarchicalSampler s = new HierarchicalSampler(d.labels(), d.superLabels(), 8, 2, 2, 2);
        List<int[]> batches = s.epoch(seed, 0);
        assertEquals(6 * 2, batches.size(), "seed=" + seed + ": C(4,2) tuples x 2");
        for (int[] b : batches) {
            Map<Integer, Integer> perSuper = new HashMap<>(), perClass = new HashMap<>();
            for (int i : b) {
                perSuper.merge(d.superLabels()[i], 1, Integer::sum);
                perClass.merge(d.labels()[i], 1, Integer::sum);
            }
            assertEquals(2, perSuper.size(), "seed=" + seed);
            for (int c : perSuper.values()) assertEquals(4, c, "seed=" + seed);
            for (int c : perClass.values()) assertEquals(2, c, "seed=" + seed);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HierarchicalSampler(d.labels(), d.superLabels(), 16, 2, 2, 2));
        assertTrue(e.getMessage().contains("has 2 classes but its part of a batch needs 4"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42})
    void fixedTripletsAreValidAndFixed(long seed) {
        int[] y = labels(seed, 6, 3, 5);
        FixedSetOfTriplets s = new FixedSetOfTriplets(y, 40, 12, seed);
        for (int[] t : s.triplets()) {
            assertEquals(y[t[0]], y[t[1]], "seed=" + seed);
            assertTrue(t[0] != t[1], "seed=" + seed);
            assertTrue(y[t[2]] != y[t[0]], "seed=" + seed);
        }
        List<int[]> b = s.epoch(seed, 0);
        int[] flat = b.stream().flatMapToInt(Arrays::stream).toArray();
        assertEquals(120, flat.length, "seed=" + seed);
        Set<String> fromEpoch = new HashSet<>(), fixed = new HashSet<>();
        for (int i = 0; i < flat.length; i += 3) fromEpoch.add(flat[i] + "," + flat[i + 1] + "," + flat[i + 2]);
        for (int[] t : s.triplets()) fixed.add(t[0] + "," + t[1] + "," + t[2]);
        assertEquals(fixed, fromEpoch, "seed=" + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void multiDatasetBatchesAreHomogeneous(long seed) {
        SamplerData d = data(seed);
        for (String mode : List.of("proportional", "round_robin")) {
            MultiDatasetBatchSampler s = (MultiDatasetBatchSampler) SamplerRegistry.sampler("S008",
                    Params.of(Map.of("mode", mode, "batch_size", "4")), d);
            List<int[]> batches = s.epoch(seed, 0);
            for (int[] b : batches) for (int i : b) assertEquals(d.groups()[b[0]], d.groups()[i], "seed=" + seed + " " + mode + " mixed batch");
            if (mode.equals("round_robin")) {
                for (int i = 0; i < batches.size(); i++) assertEquals(i % 3, s.datasetOf(batches.get(i)), "seed=" + seed + " round robin order");
            } else {
                Set<Integer> all = new HashSet<>();
                for (int[] b : batches) for (int i : b) assertTrue(all.add(i), "seed=" + seed);
                assertEquals(d.size(), all.size(), "seed=" + seed + " proportional covers every inner batch");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62})
    void episodesHaveNWaysOfKPlusQ(long seed) {
        int[] y = labels(seed, 7, 4, 3);
        EpisodicSampler s = new EpisodicSampler(y, 3, 2, 2, 20);
        for (int[] ep : s.epoch(seed, 0)) {
            assertEquals(12, ep.length, "seed=" + seed);
            assertEquals(12, Arrays.stream(ep).distinct().count(), "seed=" + seed);
            Set<Integer> classes = new HashSet<>();
            for (int w = 0; w < 3; w++) {
                int c = y[ep[w * 4]];
                assertTrue(classes.add(c), "seed=" + seed + " class repeated across ways");
                for (int j = 0; j < 4; j++) assertEquals(c, y[ep[w * 4 + j]], "seed=" + seed);
            }
            assertTrue(s.isSupport(0) && s.isSupport(1) && !s.isSupport(2) && !s.isSupport(3) && s.isSupport(4));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EpisodicSampler(y, 3, 3, 3, 5));
        assertTrue(e.getMessage().contains("but k_shot + q_query = 6"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {71, 72})
    void contrastiveTensionPairs(long seed) {
        ContrastiveTensionSampler s = new ContrastiveTensionSampler(50, 8, 4);
        List<int[]> batches = s.epoch(seed, 0);
        assertTrue(batches.size() >= 3, "seed=" + seed);
        for (int[] b : batches) {
            assertEquals(16, b.length, "seed=" + seed);
            for (int j = 0; j < 8; j++) {
                boolean same = b[2 * j] == b[2 * j + 1];
                assertEquals(s.label(j) == 1f, same, "seed=" + seed + " pair " + j);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveTensionSampler(50, 10, 4));
    }

    @ParameterizedTest
    @ValueSource(longs = {81, 82, 83})
    void ngameClustersAreBalancedAndCoverEveryPointOnce(long seed) {
        SamplerData d = data(seed);
        NgameBatchSampler s = new NgameBatchSampler(d.embeddings(), 8, 4, seed);
        int total = 0;
        for (int[] c : s.clusters()) {
            assertTrue(c.length <= 4 && c.length >= 2, "seed=" + seed + " cluster size " + c.length);
            total += c.length;
        }
        assertEquals(d.size(), total, "seed=" + seed);
        int[] flat = s.epoch(seed, 0).stream().flatMapToInt(Arrays::stream).sorted().toArray();
        for (int i = 0; i < d.size(); i++) assertEquals(i, flat[i], "seed=" + seed + " every point once");
        s.recluster(d.embeddings(), 2);
        assertEquals(2, s.clusterSize());
        assertThrows(IllegalArgumentException.class, () -> s.recluster(d.embeddings(), 16));
    }

    @ParameterizedTest
    @ValueSource(longs = {84, 85})
    void neighbourhoodBatchesNeverHoldTwoItemsOfAGroup(long seed) {
        SamplerData d = data(seed);
        NeighbourhoodBatchSampler s = new NeighbourhoodBatchSampler(d.embeddings(), d.labels(), 6, 3, io.contrast4j.samplers.index.Metric.COSINE);
        Set<Integer> seen = new HashSet<>();
        for (int[] b : s.epoch(seed, 0)) {
            Set<Integer> g = new HashSet<>();
            for (int i : b) {
                assertTrue(g.add(d.labels()[i]), "seed=" + seed + " two items of group " + d.labels()[i]);
                assertTrue(seen.add(i), "seed=" + seed + " sample twice");
            }
        }
        assertEquals(d.size(), seen.size(), "seed=" + seed);
        // without groups the first batch starts with a seed followed by its nearest neighbours
        NeighbourhoodBatchSampler free = new NeighbourhoodBatchSampler(d.embeddings(), null, 4, 3, io.contrast4j.samplers.index.Metric.COSINE);
        int[] first = free.epoch(seed, 0).get(0);
        assertArrayEquals(free.neighboursOf(first[0]), Arrays.copyOfRange(first, 1, 4), "seed=" + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {86, 87})
    void topicBatchesComeFromOneTopicWhenItIsLargeEnough(long seed) {
        int[] topics = new int[60];
        for (int i = 0; i < 60; i++) topics[i] = i % 3;
        TopicBalancedSampler s = new TopicBalancedSampler(topics, 10);
        for (int[] b : s.epoch(seed, 0)) {
            assertEquals(10, Arrays.stream(b).distinct().count(), "seed=" + seed);
            for (int i : b) assertEquals(topics[b[0]], topics[i], "seed=" + seed + " mixed topics");
        }
        Rng r = new Rng(seed);
        double[] margins = {0.0, 0.01, 0.02, 0.03, 10.0};
        int top = 0;
        for (int t = 0; t < 2000; t++) if (TopicBalancedSampler.pickBalanced(margins, 2, r) == 4) top++;
        assertEquals(1000, top, 120, "seed=" + seed + " the lone high-margin pair fills its own bin: half the picks");
    }

    @Test
    void temperatureProbabilitiesAndCooldown() {
        int[] g = new int[100];
        for (int i = 0; i < 100; i++) g[i] = i < 90 ? 0 : 1;
        TemperatureSampler s = new TemperatureSampler(g, 10, 2, 4, TemperatureSampler.Mode.TEMPERATURE);
        double[] p = s.groupProbabilities(0);
        double a = Math.sqrt(90), b = Math.sqrt(10);
        assertEquals(a / (a + b), p[0], 1e-12);
        assertEquals(1.5, s.temperatureAt(2), 1e-12);
        assertEquals(0.9, s.groupProbabilities(4)[0], 1e-12, "T = 1 after cooldown: proportional");
        int minority = 0, total = 0;
        for (int[] batch : s.epoch(3, 0)) for (int i : batch) {
            total++;
            if (g[i] == 1) minority++;
        }
        assertEquals(100, total);
        TemperatureSampler sc = new TemperatureSampler(g, 10, 2, 0, TemperatureSampler.Mode.SCALARISATION);
        assertEquals((b / (a + b)) / 0.1, sc.lossWeight(95, 0), 1e-12);
        assertEquals(1.0, s.lossWeight(95, 0));
        assertTrue(minority > 10, "upsampled minority: " + minority);
    }

    @Test
    void tuplesToWeightsDrawsOnlyMinedSamples() {
        SamplerData d = data(5);
        io.contrast4j.samplers.miners.Miner onlyFirstTwo = new io.contrast4j.samplers.miners.Miner() {
            public io.contrast4j.losses.IndicesTuple mine(io.contrast4j.autograd.Tensor e, int[] y, io.contrast4j.autograd.Tensor r, int[] ry) {
                return io.contrast4j.losses.IndicesTuple.pairs(new int[]{0, 0}, new int[]{1, 1}, new int[0], new int[0]);
            }
            public io.contrast4j.autograd.registry.CatalogInfo info() { return io.contrast4j.samplers.miners.PairMarginMiner.INFO; }
            public Map<String, String> defaults() { return Map.of(); }
            public List<io.contrast4j.autograd.registry.Input> inputs() { return List.of(); }
        };
        TuplesToWeightsSampler s = new TuplesToWeightsSampler(d.labels(), d.embedder(), onlyFirstTwo, 8, 0);
        double[] w = s.weights(new int[]{3, 7, 9});
        assertEquals(1.0, w[3]);
        assertEquals(1.0, w[7]);
        assertEquals(0.0, w[9]);
        Set<Integer> drawn = new HashSet<>();
        for (int[] b : s.epoch(1, 0)) for (int i : b) drawn.add(i);
        assertEquals(Set.of(0, 1), drawn, "only the two mined samples have weight");
    }

    @Test
    void gmm1dSeparatesTwoModes() {
        Rng r = new Rng(9);
        double[] v = new double[400];
        for (int i = 0; i < 400; i++) v[i] = i < 300 ? r.nextGaussian() * 0.5 : 5 + r.nextGaussian();
        Clustering.Gmm1d g = Clustering.gmm1d(v);
        assertEquals(0, g.mean()[0], 0.15);
        assertEquals(5, g.mean()[1], 0.3);
        assertEquals(0.75, g.weight()[0], 0.05);
        assertEquals(0.25, g.variance()[0], 0.08);
        assertTrue(g.posterior(0.2, 0) > 0.99 && g.posterior(5, 1) > 0.99);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.sampler("S016", Params.empty(), data(1)));
        assertTrue(e.getMessage().contains("building block"), e.getMessage());
    }
}
