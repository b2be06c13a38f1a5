package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.TransformerBlock;

import java.util.List;

/**
 * BatchFormer (catalog E16, T2; Hou et al., CVPR 2022): a Transformer encoder layer over the batch dimension, the
 * batch {@code X [B, D]} read as one length-B sequence without positions: X' = Layer(X). In training the output is
 * [X; X'] ({@code [2B, D]}; the caller duplicates the labels and shares the head); in eval mode X alone. The layer
 * here is the pre-LN {@link TransformerBlock} (the paper uses PyTorch's default post-LN layer). Couples samples.
 */
public final class BatchFormer extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E16", "BatchFormer (transformer over the batch dimension)", "encoder", "T2",
            "Hou et al. 2022, BatchFormer", "X' = TransformerEncoderLayer(X as a length-B sequence); train on [X; X']");

    private final TransformerBlock layer;
    private final int dim;

    public BatchFormer(int dim, int heads, int ffDim, DType dtype, Rng rng) {
        this.dim = dim;
        this.layer = child("layer", new TransformerBlock(dim, heads, ffDim, 0, dtype, rng));
    }

    /** X' alone, {@code [B, D]}. */
    public Tensor mix(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != dim) throw new IllegalArgumentException("BatchFormer: input must be [B, " + dim + "], got " + java.util.Arrays.toString(x.shape()));
        return layer.forward(x.unsqueeze(0)).squeeze(0);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining()) return x;
        return Tensor.concat(List.of(x, mix(x)), 0);
    }
}
