package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L113 · Decoupled softmax for multi-label retrieval (DEXML) — Gupta et al., <i>Dual-Encoders for Extreme Multi-Label
 * Classification</i> (ICLR 2024); repo nilesh2797/DEXML {@code losses.py}.
 * z_ql = s·sim(q, l) over all labels; for each positive l⁺ ∈ P_q:
 * log p = z_{ql⁺} − log(e^{z_{ql⁺}} + Σ_{l∉P_q} e^{z_ql}) (the other positives are masked out of the denominator);
 * L = −mean_q (1/|P_q|) Σ_{l⁺} log p over queries with at least one positive (0 with a graph if none).
 * Inputs: {@code anchors} (queries, B x D), {@code label_embeddings} (L x D), {@code targets} (B x L, 1 = positive; constant mask).
 * Defaults: scale 20, cosine.
 */
public final class DecoupledSoftmaxLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L113", "Decoupled softmax (DEXML)", "contrastive", "T2",
            "Gupta et al. 2024, Dual-Encoders for Extreme Multi-Label Classification; repo nilesh2797/DEXML",
            "−mean_q 1/|P_q| Σ_{l+} [z_ql+ − log(e^{z_ql+} + Σ_{l∉P_q} e^{z_ql})]");
    public static final String LABEL_EMBEDDINGS = "label_embeddings";
    public static final String TARGETS = "targets";
    private final LogitScale scale;
    private final Similarity sim;

    public DecoupledSoftmaxLoss(LogitScale scale, Similarity sim) {
        this.scale = scale;
        this.sim = sim;
    }

    public static DecoupledSoftmaxLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "similarity", "learnable_scale", "dtype"));
        return new DecoupledSoftmaxLoss(LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor q = in.get(InfoNce.ANCHORS), lab = in.get(LABEL_EMBEDDINGS);
        Tensor y = in.get(TARGETS);
        int b = q.dim(0), l = lab.dim(0);
        if (q.dim(1) != lab.dim(1)) throw new IllegalArgumentException(INFO.id() + ": anchors D=" + q.dim(1) + " but label_embeddings D=" + lab.dim(1));
        if (y.rank() != 2 || y.dim(0) != b || y.dim(1) != l) throw new IllegalArgumentException(INFO.id() + ": targets must be " + b + " x " + l + ", got " + java.util.Arrays.toString(y.shape()));
        double[] yv = y.to(io.contrast4j.autograd.DType.F64).toDoubleArray();
        double[] pos = new double[b * l], rowW = new double[b];
        int queries = 0;
        for (int i = 0; i < b; i++) {
            int c = 0;
            for (int j = 0; j < l; j++) if (yv[i * l + j] != 0) {
                pos[i * l + j] = 1;
                c++;
            }
            if (c > 0) {
                rowW[i] = 1.0 / c;
                queries++;
            }
        }
        if (queries == 0) return LossInputs.zeroLoss(q);
        Tensor z = scale.apply(sim.matrix(q, lab));
        Tensor pm = Tensor.of(pos, b, l).to(z.dtype());
        Tensor shift = z.detach().max(new int[]{1}, true);
        Tensor e = z.sub(shift).exp();
        Tensor negSum = e.mul(pm.affine(-1, 1)).sum(new int[]{1}, true); // B x 1
        Tensor logp = z.sub(shift).sub(e.add(negSum).log()); // B x L
        Tensor perQuery = logp.mul(pm).sum(new int[]{1}, false).mul(Tensor.of(rowW, b).to(z.dtype()));
        return perQuery.sum().div(-queries);
    }

    @Override
    public List<Tensor> parameters() {
        return scale.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("scale", "20", "similarity", "cos", "learnable_scale", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "query embeddings"),
                Input.floats(LABEL_EMBEDDINGS, "L x D", "label embeddings"),
                Input.ints(TARGETS, "B x L", "multi-hot targets (1 = positive label)"));
    }
}
