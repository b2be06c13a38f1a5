package io.contrast4j.samplers.index;

import java.util.Arrays;
import java.util.stream.IntStream;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact (brute-force) k-nearest-neighbour index over an {@code n x d} embedding matrix, with a fused
 * score + top-k search that never materialises the query x corpus score matrix.
 *
 * <p>How it works: the corpus is stored transposed in panels of {@code 2·L} rows ({@code L} = lanes of
 * {@code FloatVector.SPECIES_PREFERRED}, 16 on AVX-512), so a register-blocked micro-kernel computes a
 * 4-query x 2L-row score tile with 8 vector accumulators and broadcast query values (no horizontal
 * reductions). The corpus is streamed in cache-sized chunks of panels; every query keeps a bounded sorted
 * top-k list, and a tile is only looked at element by element when one of its scores beats a query's
 * current k-th score. The selection key is {@code q·x} (DOT, COSINE on unit vectors) or
 * {@code 2q·x − ‖x‖²} (L2; equals {@code ‖q‖² − ‖q−x‖²}). The k survivors of each query are then re-scored
 * exactly in double precision and sorted, so returned scores are exact; only the membership at the k-th
 * place can differ from exact arithmetic, and only between candidates whose float32 keys differ by
 * rounding.
 *
 * <p>Results ({@link TopK}): DOT and COSINE give similarities in descending order, L2 gives Euclidean
 * distances (not squared) in ascending order; ties go to the lower id. A query gets fewer than k
 * neighbours when fewer than k corpus items survive its exclusions (never an error).
 *
 * <p>Threads: queries are split into blocks processed on the common {@code ForkJoinPool} (parallel stream);
 * each query scans the corpus in id order by itself, so results do not depend on the thread count. Searches
 * may run concurrently; {@link #refresh} must not run concurrently with a search.
 *
 * <p>Catalog: the exact k-NN building block behind corpus mining (S2xx), DESIGN.md "samplers".
 */
public final class KnnIndex {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Corpus rows per panel. */
    private static final int W = 2 * L;
    /** Queries per micro-kernel call. */
    private static final int R = 4;
    /** Below this many multiply-adds a search runs on the calling thread only. */
    private static final long PARALLEL_WORK = 1L << 22;
    /** Target bytes of corpus panels streamed per chunk (fits in L2 with the query block). */
    private static final int CHUNK_BYTES = 256 * 1024;

    private final Metric metric;
    private final int n;
    private final int d;
    private final int nPanels;
    private final int chunkPanels;
    /** n x d row-major; unit-normalised for COSINE. */
    private final float[] rows;
    /** nPanels x d x W: panels[p*d*W + t*W + j] = rows[(p*W + j)*d + t], zero padded. */
    private final float[] panels;
    /** nPanels x W: added to scale·(q·x); −‖x‖² for L2, 0 otherwise, −inf for padding rows. */
    private final float[] bias;
    private final float scale;

    /**
     * @param embeddings row-major {@code n x dim} matrix (copied), all values finite
     * @param dim        embedding dimension d ≥ 1
     * @param metric     similarity or distance
     */
    public KnnIndex(float[] embeddings, int dim, Metric metric) {
        if (metric == null) throw new IllegalArgumentException("metric must not be null");
        if (dim < 1) throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        if (embeddings == null) throw new IllegalArgumentException("embeddings must not be null");
        if (embeddings.length == 0 || embeddings.length % dim != 0) {
            throw new IllegalArgumentException("embeddings length " + embeddings.length + " is not a positive multiple of dim " + dim);
        }
        this.metric = metric;
        this.d = dim;
        this.n = embeddings.length / dim;
        this.nPanels = (n + W - 1) / W;
        this.chunkPanels = Math.max(1, CHUNK_BYTES / (W * d * Float.BYTES));
        this.rows = new float[n * d];
        this.panels = new float[nPanels * d * W];
        this.bias = new float[nPanels * W];
        this.scale = metric == Metric.L2 ? 2f : 1f;
        load(embeddings);
    }

    /** Index over the rows of {@code embeddings} (all of the same length ≥ 1). */
    public static KnnIndex of(float[][] embeddings, Metric metric) {
        if (embeddings == null || embeddings.length == 0) throw new IllegalArgumentException("embeddings must have at least one row");
        return new KnnIndex(flatten(embeddings, -1, "embeddings"), embeddings[0] == null ? 0 : embeddings[0].length, metric);
    }

    public Metric metric() {
        return metric;
    }

    /** Number of indexed vectors n. */
    public int size() {
        return n;
    }

    public int dim() {
        return d;
    }

    /**
     * Replaces the stored vectors by {@code newEmbeddings} (same {@code n x d} shape, row-major), reusing all
     * buffers; for COSINE the new rows are re-normalised. Must not run concurrently with a search.
     */
    public void refresh(float[] newEmbeddings) {
        if (newEmbeddings == null || newEmbeddings.length != n * d) {
            throw new IllegalArgumentException("refresh: expected " + n + " x " + d + " = " + (n * d) + " values, got "
                    + (newEmbeddings == null ? "null" : newEmbeddings.length));
        }
        load(newEmbeddings);
    }

    /** {@link #refresh(float[])} from rows. */
    public void refresh(float[][] newEmbeddings) {
        if (newEmbeddings == null || newEmbeddings.length != n) {
            throw new IllegalArgumentException("refresh: expected " + n + " rows, got " + (newEmbeddings == null ? "null" : newEmbeddings.length));
        }
        refresh(flatten(newEmbeddings, d, "newEmbeddings"));
    }

    /** Copy of stored vector {@code id} (unit-normalised for COSINE). */
    public float[] vector(int id) {
        checkId(id, "id");
        return Arrays.copyOfRange(rows, id * d, (id + 1) * d);
    }

    /** Exact score (double precision) of {@code query} against item {@code id}: similarity, or distance for L2. */
    public double score(float[] query, int id) {
        if (query == null || query.length != d) throw new IllegalArgumentException("query must have length " + d);
        checkId(id, "id");
        float[] q = prepareQueries(query, 1);
        return exactScore(q, 0, id);
    }

    /** Top-k of every query (row-major {@code nq x d}), nothing excluded. */
    public TopK search(float[] queries, int k) {
        return search(queries, k, ExcludeFilter.NONE);
    }

    /**
     * Top-k with per-query excluded ids: {@code exclude[q]} lists ids never returned for query q
     * ({@code exclude} may be null; a row may be null). {@code exclude.length} must equal the number of queries.
     */
    public TopK search(float[] queries, int k, int[][] exclude) {
        int nq = checkQueries(queries);
        return search(queries, k, checkedExclude(exclude, nq));
    }

    /** {@link #search(float[], int, int[][])} with query rows. */
    public TopK search(float[][] queries, int k, int[][] exclude) {
        if (queries == null) throw new IllegalArgumentException("queries must not be null");
        return search(flatten(queries, d, "queries"), k, exclude);
    }

    /** Top-k of every query (row-major {@code nq x d}), skipping ids the filter excludes. */
    public TopK search(float[] queries, int k, ExcludeFilter exclude) {
        int nq = checkQueries(queries);
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (exclude == null) exclude = ExcludeFilter.NONE;
        return run(prepareQueries(queries, nq), nq, k, exclude);
    }

    /**
     * Searches the indexed vectors against themselves: query q is stored vector q. Pass
     * {@link ExcludeFilter#self()} (possibly {@code .or(...)}) to leave each item out of its own list.
     */
    public TopK searchCorpus(int k, ExcludeFilter exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (exclude == null) exclude = ExcludeFilter.NONE;
        return run(rows.clone(), n, k, exclude);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void load(float[] src) {
        for (int i = 0; i < src.length; i++) {
            if (!Float.isFinite(src[i])) {
                throw new IllegalArgumentException("embedding value at row " + (i / d) + ", column " + (i % d) + " is not finite: " + src[i]);
            }
        }
        System.arraycopy(src, 0, rows, 0, src.length);
        if (metric == Metric.COSINE) {
            for (int i = 0; i < n; i++) normalise(rows, i * d, d);
        }
        Arrays.fill(panels, 0f);
        Arrays.fill(bias, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int p = i / W, j = i % W;
            int base = p * d * W + j;
            double sq = 0;
            for (int t = 0; t < d; t++) {
                float v = rows[i * d + t];
                panels[base + t * W] = v;
                sq += (double) v * v;
            }
            bias[i] = metric == Metric.L2 ? (float) -sq : 0f;
        }
    }

    private static void normalise(float[] a, int off, int len) {
        double sq = 0;
        for (int t = 0; t < len; t++) sq += (double) a[off + t] * a[off + t];
        if (sq == 0) return;
        double inv = 1.0 / Math.sqrt(sq);
        for (int t = 0; t < len; t++) a[off + t] = (float) (a[off + t] * inv);
    }

    private float[] prepareQueries(float[] queries, int nq) {
        for (int i = 0; i < queries.length; i++) {
            if (!Float.isFinite(queries[i])) {
                throw new IllegalArgumentException("query value at row " + (i / d) + ", column " + (i % d) + " is not finite: " + queries[i]);
            }
        }
        float[] q = queries.clone();
        if (metric == Metric.COSINE) for (int i = 0; i < nq; i++) normalise(q, i * d, d);
        return q;
    }

    private TopK run(float[] q, int nq, int k, ExcludeFilter exclude) {
        int kk = Math.min(k, n);
        TopKBuffer[] bufs = new TopKBuffer[nq];
        for (int i = 0; i < nq; i++) bufs[i] = new TopKBuffer(kk);
        long work = (long) nq * n * d;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (work < PARALLEL_WORK || nq <= R || threads == 1) {
            searchBlock(q, 0, nq, exclude, bufs);
        } else {
            // enough blocks for every thread to get a few, at most 64 queries per block, a multiple of R
            int per = (nq + threads * 4 - 1) / (threads * 4);
            int block = Math.min(64, Math.max(R, (per + R - 1) / R * R));
            int blocks = (nq + block - 1) / block;
            IntStream.range(0, blocks).parallel().forEach(b ->
                    searchBlock(q, b * block, Math.min(nq, (b + 1) * block), exclude, bufs));
        }
        int[][] ids = new int[nq][];
        float[][] scores = new float[nq][];
        for (int i = 0; i < nq; i++) finish(q, i, bufs[i], ids, scores);
        return new TopK(ids, scores);
    }

    /** Queries [qs, qe): streams the corpus in chunks of panels, 4 queries x 1 panel per kernel call. */
    private void searchBlock(float[] q, int qs, int qe, ExcludeFilter exclude, TopKBuffer[] bufs) {
        int m = qe - qs;
        int mPad = (m + R - 1) / R * R;
        float[] qb = new float[mPad * d];
        System.arraycopy(q, qs * d, qb, 0, m * d);
        float[] thr = new float[mPad];
        Arrays.fill(thr, 0, m, Float.NEGATIVE_INFINITY);
        Arrays.fill(thr, m, mPad, Float.POSITIVE_INFINITY);
        float[] tile = new float[R * W];
        for (int p0 = 0; p0 < nPanels; p0 += chunkPanels) {
            int p1 = Math.min(nPanels, p0 + chunkPanels);
            for (int r0 = 0; r0 < mPad; r0 += R) {
                for (int p = p0; p < p1; p++) {
                    if (!kernel(qb, r0, p, thr, tile)) continue;
                    for (int r = 0; r < R && r0 + r < m; r++) {
                        int query = qs + r0 + r;
                        TopKBuffer buf = bufs[query];
                        for (int j = 0; j < W; j++) {
                            float key = tile[r * W + j];
                            if (key > thr[r0 + r]) {
                                int id = p * W + j;
                                if (exclude.excluded(query, id)) continue;
                                buf.offer(key, id);
                                thr[r0 + r] = (float) buf.threshold();
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Score tile of queries r0..r0+3 (rows of qb) against panel p: key = scale·(q·x) + bias. Returns false,
     * writing nothing, when no key beats its query's threshold; otherwise stores the keys in tile (R x W).
     */
    private boolean kernel(float[] qb, int r0, int p, float[] thr, float[] tile) {
        final int dd = d;
        final float[] pan = panels;
        int pb = p * dd * W;
        int q0 = r0 * dd, q1 = q0 + dd, q2 = q1 + dd, q3 = q2 + dd;
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int t = 0; t < dd; t++) {
            int o = pb + t * W;
            FloatVector x0 = FloatVector.fromArray(S, pan, o);
            FloatVector x1 = FloatVector.fromArray(S, pan, o + L);
            FloatVector b = FloatVector.broadcast(S, qb[q0 + t]);
            a00 = x0.fma(b, a00);
            a01 = x1.fma(b, a01);
            b = FloatVector.broadcast(S, qb[q1 + t]);
            a10 = x0.fma(b, a10);
            a11 = x1.fma(b, a11);
            b = FloatVector.broadcast(S, qb[q2 + t]);
            a20 = x0.fma(b, a20);
            a21 = x1.fma(b, a21);
            b = FloatVector.broadcast(S, qb[q3 + t]);
            a30 = x0.fma(b, a30);
            a31 = x1.fma(b, a31);
        }
        FloatVector sc = FloatVector.broadcast(S, scale);
        FloatVector bias0 = FloatVector.fromArray(S, bias, p * W);
        FloatVector bias1 = FloatVector.fromArray(S, bias, p * W + L);
        a00 = a00.fma(sc, bias0);
        a01 = a01.fma(sc, bias1);
        a10 = a10.fma(sc, bias0);
        a11 = a11.fma(sc, bias1);
        a20 = a20.fma(sc, bias0);
        a21 = a21.fma(sc, bias1);
        a30 = a30.fma(sc, bias0);
        a31 = a31.fma(sc, bias1);
        VectorMask<Float> hit = a00.compare(VectorOperators.GT, thr[r0])
                .or(a01.compare(VectorOperators.GT, thr[r0]))
                .or(a10.compare(VectorOperators.GT, thr[r0 + 1]))
                .or(a11.compare(VectorOperators.GT, thr[r0 + 1]))
                .or(a20.compare(VectorOperators.GT, thr[r0 + 2]))
                .or(a21.compare(VectorOperators.GT, thr[r0 + 2]))
                .or(a30.compare(VectorOperators.GT, thr[r0 + 3]))
                .or(a31.compare(VectorOperators.GT, thr[r0 + 3]));
        if (!hit.anyTrue()) return false;
        a00.intoArray(tile, 0);
        a01.intoArray(tile, L);
        a10.intoArray(tile, W);
        a11.intoArray(tile, W + L);
        a20.intoArray(tile, 2 * W);
        a21.intoArray(tile, 2 * W + L);
        a30.intoArray(tile, 3 * W);
        a31.intoArray(tile, 3 * W + L);
        return true;
    }

    /** Re-scores the survivors of query i exactly and sorts them (best first, ties by lower id). */
    private void finish(float[] q, int i, TopKBuffer buf, int[][] ids, float[][] scores) {
        int c = buf.count;
        double[] s = new double[c];
        int[] order = new int[c];
        for (int r = 0; r < c; r++) {
            s[r] = exactScore(q, i, buf.ids[r]);
            order[r] = r;
        }
        boolean desc = metric.higherIsBetter();
        // the buffer is already in (float) score order, so the exact re-scores are nearly sorted: insertion sort on
        // primitives is linear here (a boxed comparator sort dominated large-k searches)
        for (int a = 1; a < c; a++) {
            int cur = order[a];
            int b = a - 1;
            while (b >= 0 && before(s, buf.ids, cur, order[b], desc)) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = cur;
        }
        ids[i] = new int[c];
        scores[i] = new float[c];
        for (int r = 0; r < c; r++) {
            ids[i][r] = buf.ids[order[r]];
            scores[i][r] = (float) s[order[r]];
        }
    }

    /** Whether candidate x ranks before y: better exact score, ties by lower id. */
    private static boolean before(double[] s, int[] ids, int x, int y, boolean desc) {
        int cmp = desc ? Double.compare(s[y], s[x]) : Double.compare(s[x], s[y]);
        return cmp != 0 ? cmp < 0 : ids[x] < ids[y];
    }

    private double exactScore(float[] q, int qi, int id) {
        int qo = qi * d, xo = id * d;
        double acc = 0;
        if (metric == Metric.L2) {
            for (int t = 0; t < d; t++) {
                double diff = (double) q[qo + t] - rows[xo + t];
                acc += diff * diff;
            }
            return Math.sqrt(acc);
        }
        for (int t = 0; t < d; t++) acc += (double) q[qo + t] * rows[xo + t];
        return acc;
    }

    private int checkQueries(float[] queries) {
        if (queries == null) throw new IllegalArgumentException("queries must not be null");
        if (queries.length % d != 0) {
            throw new IllegalArgumentException("queries length " + queries.length + " is not a multiple of dim " + d);
        }
        return queries.length / d;
    }

    private ExcludeFilter checkedExclude(int[][] exclude, int nq) {
        if (exclude == null) return ExcludeFilter.NONE;
        if (exclude.length != nq) {
            throw new IllegalArgumentException("exclude has " + exclude.length + " rows but there are " + nq + " queries");
        }
        for (int qi = 0; qi < nq; qi++) {
            if (exclude[qi] == null) continue;
            for (int id : exclude[qi]) {
                if (id < 0 || id >= n) throw new IllegalArgumentException("exclude[" + qi + "] contains id " + id + " outside [0, " + n + ")");
            }
        }
        return ExcludeFilter.of(exclude);
    }

    private void checkId(int id, String name) {
        if (id < 0 || id >= n) throw new IllegalArgumentException(name + " " + id + " outside [0, " + n + ")");
    }

    static float[] flatten(float[][] a, int dim, String name) {
        if (a.length == 0) return new float[0];
        int dd = dim >= 0 ? dim : (a[0] == null ? 0 : a[0].length);
        float[] out = new float[a.length * dd];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != dd) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + (a[i] == null ? "null" : a[i].length) + ", expected " + dd);
            }
            System.arraycopy(a[i], 0, out, i * dd, dd);
        }
        return out;
    }
}
