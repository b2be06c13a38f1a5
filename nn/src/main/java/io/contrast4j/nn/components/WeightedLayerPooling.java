package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

import java.util.List;

/**
 * Weighted layer pooling (catalog E09, T1; sentence-transformers {@code WeightedLayerPooling}): token states
 * = Σ_{l ≥ l₀} w_l·h_l / Σ_l w_l over the hidden layers from {@code layerStart} l₀, with learnable w initialised to 1
 * (not a softmax). Feed it {@code TransformerEncoder.forwardLayers(...)}, then pool with E01. Default l₀ = 4.
 */
public final class WeightedLayerPooling extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E09", "Per-layer outputs and weighted layer pooling", "encoder", "T1",
            "sentence-transformers WeightedLayerPooling", "h = Σ_{l≥l₀} w_l h_l / Σ w_l, w learnable (init 1)");

    private final int numLayers, layerStart;
    private final Tensor weights;

    /** @param numLayers number of hidden layers given to forward (embedding output included), {@code layerStart} l₀ */
    public WeightedLayerPooling(int numLayers, int layerStart, DType dtype) {
        if (layerStart < 0 || layerStart >= numLayers) throw new IllegalArgumentException("WeightedLayerPooling: layerStart " + layerStart + " outside [0, " + numLayers + ")");
        this.numLayers = numLayers;
        this.layerStart = layerStart;
        this.weights = param("layer_weights", Tensor.ones(dtype, numLayers - layerStart));
    }

    /** {@code layers}: every layer's token states {@code [B, T, D]} (size numLayers). */
    public Tensor forward(List<Tensor> layers) {
        if (layers.size() != numLayers) throw new IllegalArgumentException("WeightedLayerPooling: expected " + numLayers + " layers, got " + layers.size());
        Tensor stacked = Tensor.stack(layers.subList(layerStart, numLayers), 0); // [L, B, T, D]
        Tensor w = weights.reshape(numLayers - layerStart, 1, 1, 1);
        return stacked.mul(w).sum(0).div(weights.sum());
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("WeightedLayerPooling takes the list of layer states: call forward(List<Tensor>)");
    }

    @Override
    protected String describe() {
        return "WeightedLayerPooling(layers=" + numLayers + ", start=" + layerStart + ")";
    }
}
