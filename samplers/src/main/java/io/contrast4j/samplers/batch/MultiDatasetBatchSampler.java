package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * S008 · Multi-dataset / task-homogeneous batch schedulers (sentence-transformers {@code RoundRobinBatchSampler},
 * {@code ProportionalBatchSampler}; Conan cross-GPU batch balance; single-domain batches for routed MoE).
 *
 * <p>Rule: every data set (task, domain) keeps its own batch sampler over its own samples, so every batch is
 * homogeneous (one data set). {@link Mode#PROPORTIONAL} emits every batch of every data set in a random order, so a
 * step draws a data set proportionally to its number of batches; {@link Mode#ROUND_ROBIN} cycles the data sets
 * and stops at the first exhausted one (epoch length = min #batches · #datasets). Each inner sampler gets its own
 * split random stream; {@link #datasetOf(int[])} tells which data set a batch came from. Defaults: mode
 * proportional, inner S001.
 */
public final class MultiDatasetBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S008", "Multi-dataset batch scheduler", "batch-sampler", "T1",
            "sentence-transformers RoundRobinBatchSampler, ProportionalBatchSampler; Conan cross-GPU batch balance",
            "homogeneous batches; proportional: all batches of all datasets shuffled; round-robin: cycle until one is exhausted"),
            Map.of("mode", "proportional", "inner", "S001"),
            List.of(Input.ints("datasets", "N", "data set (task) id of every sample")));

    public enum Mode { PROPORTIONAL, ROUND_ROBIN }

    private final List<BatchSampler> inner;
    private final List<int[]> globalIndex;
    private final Mode mode;
    private final int[] datasetOfSample;

    /**
     * @param inner       one sampler per data set, over local indices {@code 0 .. globalIndex.get(d).length−1}
     * @param globalIndex for data set d, the global index of each local index
     */
    public MultiDatasetBatchSampler(List<BatchSampler> inner, List<int[]> globalIndex, Mode mode) {
        super(SPEC, totalSize(inner, globalIndex));
        if (mode == null) throw new IllegalArgumentException("S008: parameter 'mode' is required");
        for (int d = 0; d < inner.size(); d++) {
            if (inner.get(d).size() != globalIndex.get(d).length) {
                throw new IllegalArgumentException("S008: data set " + d + " has " + globalIndex.get(d).length + " samples but its sampler covers " + inner.get(d).size());
            }
        }
        this.inner = List.copyOf(inner);
        this.globalIndex = List.copyOf(globalIndex);
        this.mode = mode;
        datasetOfSample = new int[size];
        java.util.Arrays.fill(datasetOfSample, -1);
        for (int d = 0; d < globalIndex.size(); d++) {
            for (int g : globalIndex.get(d)) {
                if (g < 0 || g >= size || datasetOfSample[g] >= 0) {
                    throw new IllegalArgumentException("S008: global index " + g + " of data set " + d + " is outside [0, " + size + ") or belongs to two data sets");
                }
                datasetOfSample[g] = d;
            }
        }
    }

    private static int totalSize(List<BatchSampler> inner, List<int[]> globalIndex) {
        if (inner == null || globalIndex == null || inner.isEmpty() || inner.size() != globalIndex.size()) {
            throw new IllegalArgumentException("S008: need one inner sampler per data set, got " + (inner == null ? 0 : inner.size())
                    + " samplers for " + (globalIndex == null ? 0 : globalIndex.size()) + " data sets");
        }
        int n = 0;
        for (int[] g : globalIndex) n += g.length;
        return n;
    }

    /** Data sets given as a per-sample id; {@code innerFactory} builds each data set's sampler from its sample count. */
    public static MultiDatasetBatchSampler byDataset(int[] datasetIds, Function<int[], BatchSampler> innerFactory, Mode mode) {
        SamplerChecks.notNull("S008", "datasets", datasetIds);
        TreeMap<Integer, int[]> groups = SamplerChecks.byLabel(datasetIds);
        List<BatchSampler> inner = new ArrayList<>();
        List<int[]> global = new ArrayList<>();
        for (int[] members : groups.values()) {
            inner.add(innerFactory.apply(members));
            global.add(members);
        }
        return new MultiDatasetBatchSampler(inner, global, mode);
    }

    public int numDatasets() {
        return inner.size();
    }

    /** The data set (0-based, in ascending id order for {@link #byDataset}) a batch was drawn from. */
    public int datasetOf(int[] batch) {
        return datasetOfSample[batch[0]];
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int d = inner.size();
        List<List<int[]>> per = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            List<int[]> local = inner.get(i).batches(epoch, rng.split());
            int[] g = globalIndex.get(i);
            List<int[]> mapped = new ArrayList<>(local.size());
            for (int[] b : local) {
                int[] m = new int[b.length];
                for (int k = 0; k < b.length; k++) m[k] = g[b[k]];
                mapped.add(m);
            }
            per.add(mapped);
        }
        List<int[]> out = new ArrayList<>();
        if (mode == Mode.ROUND_ROBIN) {
            int min = Integer.MAX_VALUE;
            for (List<int[]> l : per) min = Math.min(min, l.size());
            for (int r = 0; r < min; r++) {
                for (int i = 0; i < d; i++) {
                    out.add(per.get(i).get(r));
                }
            }
        } else {
            int total = 0;
            for (List<int[]> l : per) total += l.size();
            int[] ds = new int[total];
            int k = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < per.get(i).size(); j++) ds[k++] = i;
            rng.shuffle(ds);
            int[] next = new int[d];
            for (int i : ds) {
                out.add(per.get(i).get(next[i]++));
            }
        }
        return out;
    }
}
