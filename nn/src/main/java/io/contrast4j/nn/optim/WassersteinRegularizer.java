package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Wasserstein regulariser toward the initial weight distribution (O19; Lewandowski et al., <i>Learning Continually
 * by Spectral Regularization</i> / <i>Directions of Curvature as an Explanation for Loss of Plasticity</i>):
 * R = Σ_l ‖sort(θ_l) − sort(θ_l⁰)‖², the squared 1-D Wasserstein-2 distance between the current and initial
 * empirical weight distributions. The sort permutation of θ_l is treated as constant (gradient flows to the
 * sorted values).
 */
public final class WassersteinRegularizer {
    private final double[][] initialSorted;

    /** Records sort(θ⁰) of each tensor now. */
    public WassersteinRegularizer(List<Tensor> initial) {
        initialSorted = new double[initial.size()][];
        for (int l = 0; l < initial.size(); l++) {
            initialSorted[l] = initial.get(l).toDoubleArray();
            Arrays.sort(initialSorted[l]);
        }
    }

    public Tensor penalty(List<Tensor> params) {
        if (params.size() != initialSorted.length) throw new IllegalArgumentException("params: expected " + initialSorted.length + " tensors, got " + params.size());
        Tensor total = null;
        for (int l = 0; l < params.size(); l++) {
            Tensor p = params.get(l);
            if (p.numel() != initialSorted[l].length) throw new IllegalArgumentException("params[" + l + "] has " + p.numel() + " values, initial had " + initialSorted[l].length);
            double[] v = p.toDoubleArray();
            Integer[] idx = new Integer[v.length];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
            int[] order = new int[idx.length];
            for (int i = 0; i < order.length; i++) order[i] = idx[i];
            Tensor sorted = p.reshape(-1).indexSelect(0, order);
            Tensor term = sorted.sub(Tensor.of(initialSorted[l]).to(p.dtype())).square().sum();
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
