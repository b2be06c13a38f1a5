package io.contrast4j.nn.components;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.ModuleList;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiple heads on a shared encoder output (catalog E14, T2; AMCL heads, Dual-Head KD, DRM per-domain heads,
 * Zhang et al. 2023): {@link #forwardAll} gives every head's output stacked {@code [H, B, out]}; {@link #forward(int, Tensor)}
 * one head (e.g. a domain's); {@link #selectByConfidence} picks per sample the head whose softmax has the lowest
 * entropy (DRM test-time selection; the choice is a frozen selection). Formula not verified against the paper:
 * follows CATALOG.md ([K?]).
 */
public final class MultiHeads extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E14", "Multiple projection heads, dual heads, per-domain heads", "encoder", "T2",
            "AMCL; Dual-Head KD; DRM (Domain-Specific Risk Minimization)", "y_h = head_h(f(x)); DRM: per sample pick argmin_h H(softmax(y_h))");

    private final ModuleList<Module> heads = new ModuleList<>();

    public MultiHeads(List<? extends Module> hs) {
        if (hs.isEmpty()) throw new IllegalArgumentException("MultiHeads: no heads");
        for (Module h : hs) heads.add(h);
        child("heads", heads);
    }

    public int size() {
        return heads.size();
    }

    public Tensor forward(int head, Tensor x) {
        if (head < 0 || head >= heads.size()) throw new IllegalArgumentException("MultiHeads: head " + head + " outside [0, " + heads.size() + ")");
        return heads.get(head).forward(x);
    }

    /** {@code [H, B, out]}. */
    public Tensor forwardAll(Tensor x) {
        List<Tensor> outs = new ArrayList<>();
        for (Module h : heads.asList()) outs.add(h.forward(x));
        return Tensor.stack(outs, 0);
    }

    /** Per sample, the output of the head with the lowest softmax entropy: {@code [B, out]}. */
    public Tensor selectByConfidence(Tensor x) {
        Tensor all = forwardAll(x); // [H, B, C]
        int h = all.dim(0), b = all.dim(1), c = all.dim(2);
        Tensor logp = all.detach().logSoftmax(2);
        double[] ent = logp.exp().mul(logp).sum(2).neg().toDoubleArray(); // [H, B]
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            int best = 0;
            for (int k = 1; k < h; k++) if (ent[k * b + i] < ent[best * b + i]) best = k;
            idx[i] = best * b + i;
        }
        return all.reshape(h * b, c).indexSelect(0, Tensor.ofInts(idx, b));
    }

    /** The head mean {@code [B, out]}. */
    @Override
    public Tensor forward(Tensor x) {
        return forwardAll(x).mean(0);
    }
}
