package io.contrast4j.losses.ranking;

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
 * L208 · ListNet — Cao et al., <i>Learning to Rank: From Pairwise Approach to Listwise Approach</i> (ICML 2007);
 * ST-CE {@code ListNetLoss}.
 * L = mean_q CE(softmax(s_q), softmax(y_q)) = −mean_q Σ_c softmax(y_q)_c · log softmax(s_q)_c over the real
 * candidates; padded slots (label ≤ −0.5 or mask 0) get logit and label −1e16 (ST: logit −1e16, label −∞), so they carry
 * zero probability; rows with no real candidate are skipped. No parameters.
 */
public final class ListNetLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L208", "ListNet", "ranking", "T1",
            "Cao et al. 2007, Learning to Rank: From Pairwise Approach to Listwise Approach; ST-CE ListNetLoss",
            "L = mean_q CE(softmax(s_q), softmax(y_q))");
    static final double PAD = -1e16;

    public static ListNetLoss fromParams(Params p) {
        p.checkKnown(Set.of("dtype"));
        return new ListNetLoss();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
        boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
        Tensor v = Lists.validTensor(valid, null, s);
        Tensor pad = Tensor.full(s.dtype(), PAD);
        Tensor logp = Tensor.where(v, s, pad).logSoftmax(1);
        Tensor t = Tensor.where(v, y, pad).softmax(1);
        Tensor terms = Tensor.where(v, t.mul(logp), Tensor.zeros(s.dtype()));
        int rows = 0;
        double[] keep = new double[valid.length];
        for (int i = 0; i < valid.length; i++) if (Lists.count(valid[i]) > 0) {
            keep[i] = 1;
            rows++;
        }
        if (rows == 0) return LossInputs.zeroLoss(s);
        return terms.sum(new int[]{1}, false).mul(Tensor.of(keep, keep.length).to(s.dtype())).sum().div(-rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Lists.labelsInput(), Lists.maskInput());
    }
}
