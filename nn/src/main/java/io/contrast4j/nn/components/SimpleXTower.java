package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Embedding;
import io.contrast4j.nn.layers.Linear;

import java.util.Arrays;

/**
 * SimpleX user tower (catalog E25, T2; Mao et al., CIKM 2021, paired with the cosine contrastive loss L025):
 * h_u = g·e_u + (1 − g)·V·mean(e_i over the user's history, padding masked), with a fixed mixing weight g
 * (default 0.5) and V a bias-free Linear. Items are embedded by {@link #items} (the item tower).
 */
public final class SimpleXTower extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E25", "SimpleX user tower", "encoder", "T2",
            "Mao et al. 2021, SimpleX", "h_u = g·e_u + (1−g)·V·mean(history item embeddings)");

    private final Embedding users, items;
    private final Linear v;
    private final double g;

    public SimpleXTower(int numUsers, int numItems, int dim, double g, DType dtype, Rng rng) {
        if (!(g >= 0 && g <= 1)) throw new IllegalArgumentException("SimpleXTower: g must be in [0, 1], got " + g);
        this.users = child("users", new Embedding(numUsers, dim, 0.1, dtype, rng));
        this.items = child("items", new Embedding(numItems, dim, 0.1, dtype, rng));
        this.v = child("v", new Linear(dim, dim, false, dtype, rng));
        this.g = g;
    }

    public Embedding items() {
        return items;
    }

    /** {@code userIds [B]} (I32), {@code history [B, L]} (I32), {@code historyMask [B, L]} → {@code [B, D]}. */
    public Tensor forward(Tensor userIds, Tensor history, Tensor historyMask) {
        int b = userIds.dim(0), l = history.dim(1);
        if (history.dim(0) != b || !Arrays.equals(historyMask.shape(), history.shape())) throw new IllegalArgumentException("SimpleXTower: history " + Arrays.toString(history.shape()) + " and mask " + Arrays.toString(historyMask.shape()) + " must be [" + b + ", L]");
        Tensor eu = users.forward(userIds);
        Tensor m = historyMask.detach().to(eu.dtype());
        Tensor hist = items.forward(history).mul(m.reshape(b, l, 1)).sum(1).div(m.sum(new int[]{1}, true).clampMin(1e-9));
        return eu.mul(g).add(v.forward(hist).mul(1 - g));
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("SimpleXTower: call forward(userIds, history, historyMask)");
    }
}
