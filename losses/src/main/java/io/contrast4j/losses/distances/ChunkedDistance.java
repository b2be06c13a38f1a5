package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * D08 · Chunked distance matrix — PML {@code BatchedDistance(distance, iter_fn, batch_size=32)}: the (Nq x Nr) matrix
 * of an inner distance computed in query chunks of {@code chunkSize} rows, either handed to a callback one chunk at a
 * time ({@link #forEachChunk}, for top-k merges or histograms that never hold the full matrix) or concatenated
 * ({@link #matrix}); the values equal the unchunked matrix. Default chunk size 32.
 */
public final class ChunkedDistance extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D08", "Chunked distance matrix", "distance", "T1",
            "PML BatchedDistance", "the inner distance's matrix computed in query chunks (same values)");

    /** Receives one chunk: query rows [start, start + chunk.dim(0)) against all references. */
    @FunctionalInterface
    public interface ChunkCallback {
        void accept(int start, Tensor chunk);
    }

    private final Distance inner;
    private final int chunkSize;

    public ChunkedDistance(Distance inner) {
        this(inner, 32);
    }

    public ChunkedDistance(Distance inner, int chunkSize) {
        super(inner.normalizeEmbeddings, inner.power);
        if (chunkSize < 1) throw new IllegalArgumentException("parameter 'chunk_size' must be >= 1, got " + chunkSize);
        this.inner = inner;
        this.chunkSize = chunkSize;
    }

    public Distance inner() {
        return inner;
    }

    @Override
    public boolean isInverted() {
        return inner.isInverted();
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        List<Tensor> parts = new ArrayList<>();
        for (int s = 0; s < q.dim(0); s += chunkSize) parts.add(inner.computeMatrix(q.slice(0, s, Math.min(q.dim(0), s + chunkSize)), r));
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        return inner.computePairwise(q, r);
    }

    /** Calls {@code callback} with each (chunk x Nr) block of the final matrix (normalisation and power applied). */
    public void forEachChunk(Tensor q, Tensor r, ChunkCallback callback) {
        for (int s = 0; s < q.dim(0); s += chunkSize) callback.accept(s, inner.matrix(q.slice(0, s, Math.min(q.dim(0), s + chunkSize)), r));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("chunk_size", "32", "distance", "D01");
    }
}
