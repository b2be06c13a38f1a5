package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.Reducer;

import java.util.List;
import java.util.Map;

/**
 * Base of the embedding + label losses (PML BaseMetricLossFunction): a loss computes a dict of unreduced
 * {@link LossTerms} from the batch (and optional mined tuples, or a separate reference set), then its
 * {@link Reducer} makes the scalar. Distances and reducers are objects the loss takes.
 */
public abstract class MetricLoss implements Loss {
    public static final String REF_EMBEDDINGS = "ref_embeddings";
    public static final String REF_LABELS = "ref_labels";

    protected final Distance distance;
    protected final Reducer reducer;

    protected MetricLoss(Distance distance, Reducer reducer) {
        this.distance = distance;
        this.reducer = reducer;
    }

    public Distance distance() {
        return distance;
    }

    public Reducer reducer() {
        return reducer;
    }

    /** The unreduced sub-losses. {@code ref}/{@code refLabels} equal the batch itself unless a reference set was given. */
    protected abstract Map<String, LossTerms> computeTerms(Tensor embeddings, int[] labels, IndicesTuple mined,
                                                           Tensor ref, int[] refLabels, boolean refIsBatch);

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(info().id(), inputs());
        Tensor emb = in.embeddings();
        int[] labels = in.labels();
        if (labels.length != emb.dim(0)) {
            throw new IllegalArgumentException(info().id() + ": " + emb.dim(0) + " embeddings but " + labels.length + " labels");
        }
        Tensor ref = in.getOrNull(REF_EMBEDDINGS);
        int[] refLabels = ref == null ? labels : in.get(REF_LABELS).toIntArray();
        if (ref != null && refLabels.length != ref.dim(0)) {
            throw new IllegalArgumentException(info().id() + ": " + ref.dim(0) + " reference embeddings but " + refLabels.length + " reference labels");
        }
        Map<String, LossTerms> dict = computeTerms(emb, labels, in.mined(), ref == null ? emb : ref, refLabels, ref == null);
        return reducer.reduce(dict, emb, labels);
    }

    /** Mined pairs, or all valid pairs of the batch. */
    protected static IndicesTuple pairsOrAll(IndicesTuple mined, int[] labels, int[] refLabels, boolean refIsBatch) {
        return mined != null ? mined.toPairs() : IndicesTuple.allPairs(labels, refLabels, refIsBatch);
    }

    /** Mined triplets, or all valid triplets of the batch. */
    protected static IndicesTuple tripletsOrAll(IndicesTuple mined, int[] labels, int[] refLabels, boolean refIsBatch) {
        return mined != null ? mined.toTriplets() : IndicesTuple.allTriplets(labels, refLabels, refIsBatch);
    }

    /** Entries {@code m[rows[k], cols[k]]} of a matrix, as a vector on the graph. */
    protected static Tensor pick(Tensor m, int[] rows, int[] cols) {
        int n = m.dim(1);
        int[] flat = new int[rows.length];
        for (int k = 0; k < rows.length; k++) flat[k] = rows[k] * n + cols[k];
        return m.reshape(-1).indexSelect(0, flat);
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"),
                Input.ints(LossInputs.LABELS, "N", "class labels"),
                Input.floats(REF_EMBEDDINGS, "M x D", "reference embeddings (default: the batch)").asOptional(),
                Input.ints(REF_LABELS, "M", "reference labels").asOptional());
    }
}
