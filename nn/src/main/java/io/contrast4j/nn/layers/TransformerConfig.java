package io.contrast4j.nn.layers;

/**
 * Shape of a {@link TransformerEncoder}.
 *
 * @param vocab      token table size
 * @param maxLen     longest sequence (learned positions)
 * @param dModel     model width
 * @param heads      attention heads (divides dModel)
 * @param layers     number of blocks
 * @param ffDim      feed-forward width (typically 4·dModel)
 * @param dropout    dropout on attention weights, residual branches and the FFN hidden layer
 * @param sinusoidal fixed sinusoidal positions instead of learned ones
 */
public record TransformerConfig(int vocab, int maxLen, int dModel, int heads, int layers, int ffDim, double dropout, boolean sinusoidal) {
    public TransformerConfig {
        if (vocab <= 0 || maxLen <= 0 || dModel <= 0 || heads <= 0 || layers < 0 || ffDim <= 0) {
            throw new IllegalArgumentException("TransformerConfig: sizes must be positive: " + vocab + ", " + maxLen + ", " + dModel + ", " + heads + ", " + layers + ", " + ffDim);
        }
        if (dModel % heads != 0) throw new IllegalArgumentException("TransformerConfig: dModel " + dModel + " not divisible by heads " + heads);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("TransformerConfig: dropout must be in [0, 1), got " + dropout);
    }

    /** Learned positions, ffDim = 4·dModel, no dropout. */
    public static TransformerConfig of(int vocab, int maxLen, int dModel, int heads, int layers) {
        return new TransformerConfig(vocab, maxLen, dModel, heads, layers, 4 * dModel, 0, false);
    }
}
