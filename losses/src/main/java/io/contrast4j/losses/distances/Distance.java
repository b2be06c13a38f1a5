package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;

/**
 * A distance or similarity between query and reference embeddings (pytorch-metric-learning's BaseDistance):
 * "is this a similarity" is answered once, by {@link #isInverted()}, and losses write their formulas with
 * {@link #margin(Tensor, Tensor)}, which is x − y for a distance and y − x for a similarity.
 */
public abstract class Distance implements Registered {
    protected final boolean normalizeEmbeddings;
    protected final double power;

    protected Distance(boolean normalizeEmbeddings, double power) {
        if (!(power > 0)) throw new IllegalArgumentException("parameter 'power' must be > 0, got " + power);
        this.normalizeEmbeddings = normalizeEmbeddings;
        this.power = power;
    }

    /** True for similarities (larger = closer). */
    public abstract boolean isInverted();

    /** The raw (Nq x Nr) matrix of already-normalised (when configured) embeddings, before {@code power}. */
    protected abstract Tensor computeMatrix(Tensor q, Tensor r);

    /** The raw row-wise values for aligned rows q[i], r[i], before {@code power}. */
    protected abstract Tensor computePairwise(Tensor q, Tensor r);

    public boolean normalizes() {
        return normalizeEmbeddings;
    }

    public Tensor normalize(Tensor x) {
        return normalizeEmbeddings ? x.normalize(x.rank() - 1) : x;
    }

    /** Nq x Nr matrix. */
    public final Tensor matrix(Tensor q, Tensor r) {
        check(q, r, false);
        Tensor m = computeMatrix(normalize(q), normalize(r));
        return power == 1 ? m : m.pow(power);
    }

    /** Self-distance matrix of a batch. */
    public final Tensor matrix(Tensor x) {
        return matrix(x, x);
    }

    /** Row-aligned values (length N). */
    public final Tensor pairwise(Tensor q, Tensor r) {
        check(q, r, true);
        Tensor m = computePairwise(normalize(q), normalize(r));
        return power == 1 ? m : m.pow(power);
    }

    /** x − y for a distance, y − x for a similarity (PML margin). */
    public final Tensor margin(Tensor x, Tensor y) {
        return isInverted() ? y.sub(x) : x.sub(y);
    }

    /** Of two values, the closer one: min for a distance, max for a similarity. */
    public final Tensor smallestDist(Tensor a, Tensor b) {
        return isInverted() ? a.maximum(b) : a.minimum(b);
    }

    private void check(Tensor q, Tensor r, boolean aligned) {
        if (q.rank() != 2 || r.rank() != 2 || q.dim(1) != r.dim(1) || (aligned && q.dim(0) != r.dim(0))) {
            throw new IllegalArgumentException(info().id() + " " + info().name() + ": embeddings must be " + (aligned ? "two N x D" : "Nq x D and Nr x D")
                    + " matrices, got " + java.util.Arrays.toString(q.shape()) + " and " + java.util.Arrays.toString(r.shape()));
        }
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("query", "Nq x D", "query embeddings"), Input.floats("reference", "Nr x D", "reference embeddings"));
    }
}
