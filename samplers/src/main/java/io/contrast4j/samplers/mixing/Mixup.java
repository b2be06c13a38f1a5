package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S302 · Mixup with label interpolation (Zhang et al. 2018, <i>mixup: Beyond Empirical Risk Minimization</i>):
 * λ ~ Beta(α, α) (one per batch), a random pairing π; x̃ = λ x + (1−λ) x_π at the chosen level (inputs, features or
 * embeddings: whatever tensor is passed, mixed along axis 0, on the tape so gradients reach both x and x_π);
 * target ỹ = λ onehot(y) + (1−λ) onehot(y_π), i.e. loss = λ·CE(f(x̃), y) + (1−λ)·CE(f(x̃), y_π) (L301 with a soft
 * target). Default α = 0.2 (range 0.2–1).
 */
public final class Mixup implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S302", "Mixup with label interpolation", "mixing", "T1",
            "Zhang et al. 2018, mixup: Beyond Empirical Risk Minimization",
            "λ~Beta(α,α); x̃ = λx + (1−λ)x_π; ỹ = λy + (1−λ)y_π");

    /** Frozen choices: the coefficient λ and the pairing π. */
    public record Plan(double lambda, int[] perm) {
    }

    private final double alpha;

    public Mixup(double alpha) {
        this.alpha = Draws.positive("alpha", alpha);
    }

    public Mixup() {
        this(0.2);
    }

    public Plan plan(int n, Rng rng) {
        if (n < 1) throw new IllegalArgumentException("S302: batch size must be >= 1, got " + n);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        rng.shuffle(perm);
        return new Plan(Draws.beta(rng, alpha, alpha), perm);
    }

    /** x̃ = λx + (1−λ)x[π] along axis 0 (any rank ≥ 1); differentiable in x. */
    public static Tensor mix(Tensor x, Plan p) {
        if (x.rank() < 1 || x.dim(0) != p.perm().length) {
            throw new IllegalArgumentException("S302: x must have " + p.perm().length + " rows, got shape " + java.util.Arrays.toString(x.shape()));
        }
        return x.mul(p.lambda()).add(x.indexSelect(0, p.perm()).mul(1 - p.lambda()));
    }

    /** Soft targets N x C: λ onehot(y) + (1−λ) onehot(y[π]). */
    public static Tensor targets(int[] labels, int numClasses, Plan p, DType dtype) {
        if (labels.length != p.perm().length) throw new IllegalArgumentException("S302: labels must have " + p.perm().length + " entries, got " + labels.length);
        double[] t = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            int a = labels[i], b = labels[p.perm()[i]];
            if (a < 0 || a >= numClasses || b < 0 || b >= numClasses) throw new IllegalArgumentException("S302: label out of range [0, " + numClasses + ")");
            t[i * numClasses + a] += p.lambda();
            t[i * numClasses + b] += 1 - p.lambda();
        }
        return Tensor.of(t, labels.length, numClasses).to(dtype);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", String.valueOf(alpha));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("x", "N x ...", "inputs, features or embeddings"), Input.ints("labels", "N", "class labels").asOptional());
    }
}
