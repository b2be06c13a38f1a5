package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gradient caching (O03; Gao et al., <i>Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup</i>,
 * RepL4NLP 2021; ST {@code Cached*} losses, L103): the exact full-batch gradient of a loss over embeddings with
 * memory bounded by the chunk size. (1) embed every chunk of every input column without a graph → R; (2) compute
 * the loss on R as leaves and cache ∂L/∂R; (3) re-embed each chunk with a graph and back-propagate the cached
 * ∂L/∂R_chunk (i.e. backprop of ⟨R_chunk, sg(∂L/∂R_chunk)⟩). Parameter gradients accumulate as in one plain
 * backward. The embed function must be deterministic in (chunk, chunk index), e.g. dropout seeded from the index,
 * so that pass (3) reproduces pass (1) (the "restored RNG state").
 */
public final class GradCache {
    private GradCache() {
    }

    /** Embeds one chunk of rows of one input column; {@code chunkIndex} numbers chunks across all columns. */
    @FunctionalInterface
    public interface Embed {
        Tensor embed(Tensor chunk, int chunkIndex);
    }

    /**
     * Runs the three passes; returns the loss value. {@code columns} are input tensors (rows = examples, e.g.
     * anchors and positives), {@code loss} maps the full embedding of each column to a scalar.
     */
    public static double run(List<Tensor> columns, int chunkSize, Embed embed, Function<List<Tensor>, Tensor> loss) {
        if (chunkSize <= 0) throw new IllegalArgumentException("chunkSize must be > 0, got " + chunkSize);
        if (columns.isEmpty()) throw new IllegalArgumentException("columns: need at least one input column");
        List<Tensor> reps = new ArrayList<>();
        try (var g = Grad.off()) {
            int idx = 0;
            for (Tensor col : columns) {
                List<Tensor> parts = new ArrayList<>();
                for (int s = 0; s < col.dim(0); s += chunkSize) parts.add(embed.embed(col.slice(0, s, Math.min(col.dim(0), s + chunkSize)), idx++));
                Tensor cat = parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
                reps.add(Tensor.wrap(cat.storage(), cat.shape()).requiresGrad(true));
            }
        }
        Tensor l = loss.apply(reps);
        if (l.numel() != 1) throw new IllegalArgumentException("loss must return a scalar, got shape " + java.util.Arrays.toString(l.shape()));
        double value = l.item();
        if (!l.requiresGrad()) return value;
        l.backward();
        int idx = 0;
        for (int c = 0; c < columns.size(); c++) {
            Tensor col = columns.get(c);
            Tensor gr = reps.get(c).grad();
            for (int s = 0; s < col.dim(0); s += chunkSize) {
                int e = Math.min(col.dim(0), s + chunkSize);
                Tensor emb = embed.embed(col.slice(0, s, e), idx++);
                if (gr == null || !emb.requiresGrad()) continue;
                emb.backward(gr.slice(0, s, e), false);
            }
        }
        return value;
    }
}
