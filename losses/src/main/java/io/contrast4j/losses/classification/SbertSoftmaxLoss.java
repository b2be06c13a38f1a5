package io.contrast4j.losses.classification;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L304 · SBERT classification-head loss — Reimers &amp; Gurevych, <i>Sentence-BERT: Sentence Embeddings using Siamese
 * BERT-Networks</i> (EMNLP 2019); ST {@code SoftmaxLoss}.
 * features = concat(u, v, |u−v| [, u⊙v]); logits = W·features + b (a learnable linear head, nn.Linear init
 * U(±1/√F)); L = mean CE(logits, label). Inputs: {@code anchors} (u), {@code positives} (v), integer {@code targets}.
 * Defaults (ST): concat u, v on; |u−v| on; u⊙v off; {@code num_labels} and {@code dim} (embedding width) required.
 */
public final class SbertSoftmaxLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L304", "SBERT classification head loss (SoftmaxLoss)", "classification", "T1",
            "Reimers & Gurevych 2019, Sentence-BERT; ST SoftmaxLoss",
            "logits = W [u; v; |u-v|; (u*v)] + b; L = CE(logits, y)");
    public static final String U = "anchors", V = "positives";
    private final int numLabels, dim;
    private final boolean concatUV, diff, product;
    private final Tensor weight, bias;

    public SbertSoftmaxLoss(int numLabels, int dim, boolean concatUV, boolean diff, boolean product, DType dtype, long seed) {
        if (numLabels < 2) throw new IllegalArgumentException("L304: parameter 'num_labels' must be >= 2, got " + numLabels);
        if (dim < 1) throw new IllegalArgumentException("L304: parameter 'dim' must be >= 1, got " + dim);
        if (!concatUV && !diff && !product) throw new IllegalArgumentException("L304: at least one of concat_uv, diff, product must be true");
        this.numLabels = numLabels;
        this.dim = dim;
        this.concatUV = concatUV;
        this.diff = diff;
        this.product = product;
        int f = features();
        double bound = 1 / Math.sqrt(f);
        Rng r = new Rng(seed);
        this.weight = Tensor.rand(dtype, r, -bound, bound, f, numLabels).requiresGrad(true);
        this.bias = Tensor.rand(dtype, r, -bound, bound, numLabels).requiresGrad(true);
    }

    public static SbertSoftmaxLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_labels", "dim", "concat_uv", "diff", "product", "seed", "dtype"));
        if (!p.has("num_labels") || !p.has("dim")) throw new IllegalArgumentException("L304: parameters 'num_labels' and 'dim' (embedding width) are required");
        return new SbertSoftmaxLoss(p.getInt("num_labels", 3), p.getInt("dim", 0), p.getBoolean("concat_uv", true), p.getBoolean("diff", true),
                p.getBoolean("product", false), io.contrast4j.losses.contrastive.InfoNce.dtype(p), p.getInt("seed", 0));
    }

    private int features() {
        return dim * ((concatUV ? 2 : 0) + (diff ? 1 : 0) + (product ? 1 : 0));
    }

    /** The N x num_labels logits of the head. */
    public Tensor logits(Tensor u, Tensor v) {
        if (u.rank() != 2 || !Shape.same(u.shape(), v.shape()) || u.dim(1) != dim) {
            throw new IllegalArgumentException("L304: anchors and positives must both be N x " + dim + ", got " + Shape.str(u.shape()) + " and " + Shape.str(v.shape()));
        }
        if (u.dtype() != weight.dtype()) throw new IllegalArgumentException("L304: embeddings are " + u.dtype() + " but the head is " + weight.dtype() + " (parameter dtype)");
        List<Tensor> parts = new ArrayList<>();
        if (concatUV) {
            parts.add(u);
            parts.add(v);
        }
        if (diff) parts.add(u.sub(v).abs());
        if (product) parts.add(u.mul(v));
        return Tensor.concat(parts, 1).matmul(weight).add(bias);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = logits(in.get(U), in.get(V));
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), numLabels);
        return z.logsumexp(1).sub(Cls.pick(z, y)).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("concat_uv", "true", "diff", "true", "product", "false", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(U, "N x D", "first sentence embeddings u"), Input.floats(V, "N x D", "second sentence embeddings v"), Cls.targetsInput());
    }
}
