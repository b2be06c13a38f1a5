package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Linear;

/**
 * Hypergraph convolution (catalog E24, T2; Feng et al., "Hypergraph Neural Networks", AAAI 2019):
 * X' = D_v^{−1/2} H W D_e^{−1} Hᵀ D_v^{−1/2} X Θ + b, with incidence H {@code [N, E]}, hyperedge weights W (diagonal),
 * vertex degrees D_v = Σ_e w_e H_ve and edge degrees D_e = Σ_v H_ve. The propagation matrix is a constant
 * ({@link #propagation}); the nonlinearity σ is the caller's. Only the HGNN part of E24 is implemented here
 * (RpHGNN random-projection propagation and the CoCo coherence-graph encoder are not).
 */
public final class HypergraphConv extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E24", "Graph encoders (hypergraph convolution)", "encoder", "T2",
            "Feng et al. 2019, Hypergraph Neural Networks", "X' = D_v^{−1/2} H W D_e^{−1} Hᵀ D_v^{−1/2} X Θ");

    private final Linear theta;

    public HypergraphConv(int in, int out, DType dtype, Rng rng) {
        this.theta = child("theta", new Linear(in, out, true, dtype, rng));
    }

    /** G = D_v^{−1/2} H W D_e^{−1} Hᵀ D_v^{−1/2} as an {@code [N, N]} tensor; {@code w} null = all 1. */
    public static Tensor propagation(double[][] h, double[] w, DType dtype) {
        int n = h.length, e = n == 0 ? 0 : h[0].length;
        double[] we = w == null ? java.util.stream.DoubleStream.generate(() -> 1).limit(e).toArray() : w;
        if (we.length != e) throw new IllegalArgumentException("HypergraphConv: " + we.length + " edge weights for " + e + " hyperedges");
        double[] dv = new double[n], de = new double[e];
        for (int v = 0; v < n; v++) {
            if (h[v].length != e) throw new IllegalArgumentException("HypergraphConv: incidence row " + v + " has " + h[v].length + " entries, expected " + e);
            for (int j = 0; j < e; j++) {
                dv[v] += we[j] * h[v][j];
                de[j] += h[v][j];
            }
        }
        double[] g = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < e; j++) if (de[j] > 0) s += h[a][j] * we[j] / de[j] * h[b][j];
                g[a * n + b] = dv[a] > 0 && dv[b] > 0 ? s / Math.sqrt(dv[a] * dv[b]) : 0;
            }
        }
        return Tensor.of(g, n, n).to(dtype);
    }

    /** {@code x [N, in]}, {@code g [N, N]} from {@link #propagation} → {@code [N, out]}. */
    public Tensor forward(Tensor x, Tensor g) {
        return g.matmul(x.matmul(theta.weight(), false, true)).add(theta.bias());
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("HypergraphConv: call forward(x, propagation(H, w))");
    }
}
