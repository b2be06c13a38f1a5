package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KMeans;
import io.contrast4j.samplers.index.KMeansResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S214 · Entity-cluster negatives for KG embeddings (Rony et al. 2022, <i>LEMON: LanguagE ModeL for Negative Sampling
 * of Knowledge Graph Embeddings</i>). Entity text embeddings (orig. a pre-trained LM; stand-in: TF-IDF or a small text
 * encoder) are clustered with spherical k-means (S016); a true triple (h, r, t) is corrupted by replacing the tail (or,
 * with probability {@code head_prob}, the head) with, with probability {@code cluster_ratio}, a uniform member of the
 * replaced entity's cluster other than itself, otherwise a uniform entity other than itself. Corruptions that are known
 * true triples are redrawn (filtered setting); after 32 draws the first valid entity is taken by a scan from a random
 * offset, and a triple with no valid corruption yields none. Every draw comes from a generator derived from
 * (seed, triple index, sample index). Defaults: cluster_ratio 0.5, head_prob 0.5, seed 0.
 * Formula not verified against the paper: follows CATALOG.md ([K?]); the mixing ratio is this library's choice.
 */
public final class LemonCorruptor implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S214", "Entity-cluster negatives for KG embeddings (LEMON)", "corpus-mining", "T2",
            "Rony et al. 2022, LEMON: LanguagE ModeL for Negative Sampling of Knowledge Graph Embeddings",
            "(h,r,t) → (h,r,t') with t' ~ U(cluster(t) \\ {t}) w.p. cluster_ratio else U(E \\ {t}); head side w.p. head_prob");
    private static final int DRAWS = 32;

    /** Corrupted triples (rows of h, r, t) and, per row, the index of the true triple it was made from. */
    public record Corrupted(int[][] triples, int[] source) {
    }

    private final int[] cluster;
    private final int[][] members;
    private final double clusterRatio;
    private final double headProb;
    private final long seed;

    /** Clusters {@code entityEmbeddings} (N x D) into {@code clusters} groups with spherical k-means seeded by {@code seed}. */
    public LemonCorruptor(float[][] entityEmbeddings, int clusters, double clusterRatio, double headProb, long seed) {
        this(assign(entityEmbeddings, clusters, seed), clusterRatio, headProb, seed);
    }

    /** From a given cluster assignment per entity (e.g. computed elsewhere). */
    public LemonCorruptor(int[] clusterOfEntity, double clusterRatio, double headProb, long seed) {
        if (clusterOfEntity == null || clusterOfEntity.length < 2) throw new IllegalArgumentException("parameter 'clusters' needs at least 2 entities");
        if (!(clusterRatio >= 0 && clusterRatio <= 1)) throw new IllegalArgumentException("parameter 'cluster_ratio' must be in [0, 1], got " + clusterRatio);
        if (!(headProb >= 0 && headProb <= 1)) throw new IllegalArgumentException("parameter 'head_prob' must be in [0, 1], got " + headProb);
        int k = 0;
        for (int i = 0; i < clusterOfEntity.length; i++) {
            if (clusterOfEntity[i] < 0) throw new IllegalArgumentException("cluster of entity " + i + " is negative: " + clusterOfEntity[i]);
            k = Math.max(k, clusterOfEntity[i] + 1);
        }
        List<List<Integer>> m = new ArrayList<>();
        for (int c = 0; c < k; c++) m.add(new ArrayList<>());
        for (int i = 0; i < clusterOfEntity.length; i++) m.get(clusterOfEntity[i]).add(i);
        this.members = new int[k][];
        for (int c = 0; c < k; c++) members[c] = m.get(c).stream().mapToInt(Integer::intValue).toArray();
        this.cluster = clusterOfEntity.clone();
        this.clusterRatio = clusterRatio;
        this.headProb = headProb;
        this.seed = seed;
    }

    private static int[] assign(float[][] emb, int clusters, long seed) {
        if (emb == null || emb.length < 2) throw new IllegalArgumentException("parameter 'entity_embeddings' needs at least 2 rows");
        if (clusters < 1 || clusters > emb.length) throw new IllegalArgumentException("parameter 'clusters' must be in [1, " + emb.length + "], got " + clusters);
        KMeansResult r = KMeans.spherical(clusters, seed).fit(emb);
        return r.assignments();
    }

    public int numEntities() {
        return cluster.length;
    }

    /** Cluster of entity {@code e}. */
    public int clusterOf(int e) {
        if (e < 0 || e >= cluster.length) throw new IllegalArgumentException("entity " + e + " out of range [0, " + cluster.length + ")");
        return cluster[e];
    }

    /**
     * {@code perTriple} corruptions of every triple ({@code triples[i] = {h, r, t}}), never a triple in {@code known}
     * (encode with {@link #key}; may be null) and never the entity it replaces.
     */
    public Corrupted corrupt(int[][] triples, int perTriple, Set<Long> known) {
        if (triples == null) throw new IllegalArgumentException("parameter 'triples' must not be null");
        if (perTriple < 1) throw new IllegalArgumentException("parameter 'per_triple' must be >= 1, got " + perTriple);
        int n = cluster.length;
        List<int[]> out = new ArrayList<>();
        List<Integer> src = new ArrayList<>();
        for (int i = 0; i < triples.length; i++) {
            int[] t = triples[i];
            if (t == null || t.length != 3) throw new IllegalArgumentException("triples[" + i + "] must be {head, relation, tail}");
            if (t[0] < 0 || t[0] >= n || t[2] < 0 || t[2] >= n) throw new IllegalArgumentException("triples[" + i + "] has an entity outside [0, " + n + ")");
            for (int j = 0; j < perTriple; j++) {
                Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L ^ (i + 1L) * 0xC2B2AE3D27D4EB4FL ^ (j + 1L) * 0x165667B19E3779F9L);
                boolean head = rng.nextDouble() < headProb;
                int old = head ? t[0] : t[2];
                int e = -1;
                for (int d = 0; d < DRAWS && e < 0; d++) {
                    int cand = draw(old, rng);
                    if (cand >= 0 && valid(t, head, cand, known)) e = cand;
                }
                if (e < 0) {
                    int off = rng.nextInt(n);
                    for (int s = 0; s < n && e < 0; s++) {
                        int cand = (off + s) % n;
                        if (cand != old && valid(t, head, cand, known)) e = cand;
                    }
                }
                if (e < 0) continue;
                out.add(head ? new int[]{e, t[1], t[2]} : new int[]{t[0], t[1], e});
                src.add(i);
            }
        }
        return new Corrupted(out.toArray(new int[0][]), src.stream().mapToInt(Integer::intValue).toArray());
    }

    private int draw(int old, Rng rng) {
        int[] same = members[cluster[old]];
        if (same.length > 1 && rng.nextDouble() < clusterRatio) {
            int i = rng.nextInt(same.length - 1);
            return same[i >= Arrays.binarySearch(same, old) ? i + 1 : i];
        }
        int c = rng.nextInt(cluster.length - 1);
        return c >= old ? c + 1 : c;
    }

    private static boolean valid(int[] t, boolean head, int e, Set<Long> known) {
        if (known == null) return true;
        return head ? !known.contains(key(e, t[1], t[2])) : !known.contains(key(t[0], t[1], e));
    }

    /** Key of a triple for the {@code known} set (entities and relations below 2²¹). */
    public static long key(int head, int relation, int tail) {
        if (head < 0 || relation < 0 || tail < 0 || head >= 1 << 21 || relation >= 1 << 21 || tail >= 1 << 21) {
            throw new IllegalArgumentException("triple ids must be in [0, 2^21), got (" + head + ", " + relation + ", " + tail + ")");
        }
        return ((long) head << 42) | ((long) relation << 21) | tail;
    }

    /** The {@code known} set of a list of true triples. */
    public static Set<Long> keys(int[][] triples) {
        Set<Long> s = new HashSet<>();
        for (int[] t : triples) s.add(key(t[0], t[1], t[2]));
        return s;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clusters", String.valueOf(members.length));
        m.put("cluster_ratio", String.valueOf(clusterRatio));
        m.put("head_prob", String.valueOf(headProb));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("entity_embeddings", "N x D", "entity text embeddings"), Input.ints("triples", "T x 3", "true (h, r, t) triples"));
    }
}
