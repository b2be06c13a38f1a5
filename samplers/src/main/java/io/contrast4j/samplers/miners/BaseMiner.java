package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Base of the distance-matrix miners (PML {@code BaseMiner}): checks shapes, computes the detached matrix with the
 * miner's {@link Distance} under {@link Grad#off()}, and hands it to {@link #mine(DistMatrix, Tensor, Tensor)}.
 */
public abstract class BaseMiner implements Miner {
    private final CatalogInfo info;
    private final Map<String, String> defaults;
    protected final Distance distance;

    protected BaseMiner(CatalogInfo info, Map<String, String> defaults, Distance distance) {
        this.info = info;
        this.defaults = defaults;
        if (distance == null) throw new IllegalArgumentException(info.id() + ": parameter 'distance' is required");
        this.distance = distance;
    }

    public Distance distance() {
        return distance;
    }

    @Override
    public final IndicesTuple mine(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
        String id = info.id();
        checkInputs(id, embeddings, labels, refEmbeddings, refLabels);
        Tensor ref = refEmbeddings == null ? embeddings : refEmbeddings;
        try (Grad.Scope g = Grad.off()) {
            return mine(matrix(embeddings, labels, refEmbeddings, refLabels), embeddings, ref);
        }
    }

    /** The detached matrix (call under {@link Grad#off()}; inputs already checked). */
    protected final DistMatrix matrix(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
        boolean same = refEmbeddings == null;
        Tensor ref = same ? embeddings : refEmbeddings;
        double[] m = distance.matrix(embeddings, ref).toDoubleArray();
        return new DistMatrix(m, embeddings.dim(0), ref.dim(0), distance.isInverted(), labels, same ? labels : refLabels, same);
    }

    /** Shape checks shared by every miner; messages name the ID and the input. */
    static void checkInputs(String id, Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
        if (embeddings == null) throw new IllegalArgumentException(id + ": input 'embeddings' is required");
        if (labels == null) throw new IllegalArgumentException(id + ": input 'labels' is required");
        if (embeddings.rank() != 2) throw new IllegalArgumentException(id + ": embeddings must be N x D, got shape " + Arrays.toString(embeddings.shape()));
        if (labels.length != embeddings.dim(0)) {
            throw new IllegalArgumentException(id + ": " + embeddings.dim(0) + " embeddings but " + labels.length + " labels");
        }
        if ((refEmbeddings == null) != (refLabels == null)) {
            throw new IllegalArgumentException(id + ": give both ref_embeddings and ref_labels, or neither");
        }
        if (refEmbeddings != null) {
            if (refEmbeddings.rank() != 2 || refEmbeddings.dim(1) != embeddings.dim(1)) {
                throw new IllegalArgumentException(id + ": ref_embeddings must be M x " + embeddings.dim(1) + ", got shape " + Arrays.toString(refEmbeddings.shape()));
            }
            if (refLabels.length != refEmbeddings.dim(0)) {
                throw new IllegalArgumentException(id + ": " + refEmbeddings.dim(0) + " reference embeddings but " + refLabels.length + " reference labels");
            }
        }
    }

    /** Mines from the detached matrix; {@code ref} is the batch itself when {@code mat.sameSet()}. */
    protected abstract IndicesTuple mine(DistMatrix mat, Tensor embeddings, Tensor ref);

    @Override
    public final CatalogInfo info() {
        return info;
    }

    @Override
    public final Map<String, String> defaults() {
        return defaults;
    }

    @Override
    public List<Input> inputs() {
        return MINER_INPUTS;
    }

    public static final List<Input> MINER_INPUTS = List.of(Input.floats("embeddings", "N x D", "embeddings"),
            Input.ints("labels", "N", "class labels"),
            Input.floats("ref_embeddings", "M x D", "reference embeddings (default: the batch)").asOptional(),
            Input.ints("ref_labels", "M", "reference labels").asOptional());

    static IndicesTuple triplets(Ints a, Ints p, Ints n) {
        return IndicesTuple.triplets(a.toArray(), p.toArray(), n.toArray());
    }

    static IndicesTuple pairs(Ints a1, Ints p, Ints a2, Ints n) {
        return IndicesTuple.pairs(a1.toArray(), p.toArray(), a2.toArray(), n.toArray());
    }
}
