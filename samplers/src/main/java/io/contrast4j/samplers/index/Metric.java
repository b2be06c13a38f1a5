package io.contrast4j.samplers.index;

/**
 * Similarity / distance used by {@link KnnIndex} and {@link KMeans}.
 *
 * <ul>
 *   <li>{@link #DOT}: inner product {@code q·x}; higher is better.</li>
 *   <li>{@link #COSINE}: {@code q·x / (‖q‖‖x‖)}; higher is better. A zero vector has cosine 0 with everything.</li>
 *   <li>{@link #L2}: Euclidean distance {@code ‖q − x‖}; lower is better.</li>
 * </ul>
 */
public enum Metric {
    DOT, COSINE, L2;

    /** True for similarities (DOT, COSINE), false for the distance L2. */
    public boolean higherIsBetter() {
        return this != L2;
    }
}
