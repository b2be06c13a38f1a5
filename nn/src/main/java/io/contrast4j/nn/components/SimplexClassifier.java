package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;

/**
 * Fixed d-simplex classifier (catalog E19, T2; Biondi et al., "Stationary Representations", ICLR 2024 / Pernici et
 * al. 2021): a non-trainable head whose C rows are the vertices of a regular simplex in R^{C−1} (centred, unit norm,
 * pairwise cosine −1/(C−1)); logits = W·f(x), trained with cross-entropy. W is a buffer ({@code weight}).
 */
public final class SimplexClassifier extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E19", "Fixed d-simplex classifier (stationary, compatible representations)", "encoder", "T2",
            "Biondi et al. 2024, Stationary Representations; Pernici et al. 2021, Regular Polytope Networks",
            "logits = W f(x), W = C regular-simplex vertices in R^{C−1} (fixed)");

    private final int classes;
    private final Tensor weight;

    public SimplexClassifier(int classes, DType dtype) {
        if (classes < 2) throw new IllegalArgumentException("SimplexClassifier: needs >= 2 classes, got " + classes);
        this.classes = classes;
        this.weight = buffer("weight", Tensor.of(vertices(classes), classes, classes - 1).to(dtype));
    }

    /** C unit vectors in R^{C−1} with pairwise dot −1/(C−1), row-major. */
    static double[] vertices(int c) {
        // centred basis vectors e_i − 1/C in R^C, expressed in an orthonormal basis of the sum-zero subspace
        double[][] basis = new double[c - 1][c];
        for (int k = 0; k < c - 1; k++) {
            // Helmert basis: (1,...,1,−k−1,0,...)/norm over the first k+2 coordinates
            double norm = Math.sqrt((k + 1) * (k + 2.0));
            for (int j = 0; j <= k; j++) basis[k][j] = 1 / norm;
            basis[k][k + 1] = -(k + 1) / norm;
        }
        double[] out = new double[c * (c - 1)];
        double scale = Math.sqrt(c / (c - 1.0));
        for (int i = 0; i < c; i++) {
            for (int k = 0; k < c - 1; k++) {
                double dot = 0;
                for (int j = 0; j < c; j++) dot += ((i == j ? 1 : 0) - 1.0 / c) * basis[k][j];
                out[i * (c - 1) + k] = dot * scale;
            }
        }
        return out;
    }

    public Tensor weight() {
        return weight;
    }

    /** {@code f [B, C−1]} → logits {@code [B, C]}. */
    @Override
    public Tensor forward(Tensor f) {
        if (f.rank() != 2 || f.dim(1) != classes - 1) throw new IllegalArgumentException("SimplexClassifier: features must be [B, " + (classes - 1) + "], got " + java.util.Arrays.toString(f.shape()));
        return f.matmul(weight.to(f.dtype()), false, true);
    }

    @Override
    protected String describe() {
        return "SimplexClassifier(" + classes + ")";
    }
}
