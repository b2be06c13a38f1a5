package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L210 · Cross-encoder training objectives — ST-CE {@code BinaryCrossEntropyLoss}, {@code CrossEntropyLoss},
 * {@code MultipleNegativesRankingLoss}; listwise CE of <i>Supervised Fine-Tuning or Contrastive Learning? Towards Better
 * Multimodal LLM Reranking</i> (orig. MLLM), R²anker, AR2 rankers. Inputs are (query, document) pair logits of a
 * cross-encoder.
 * {@code bce}: mean BCEWithLogits(s, y, pos_weight) over real slots of {@code scores}/{@code labels} (B x C; label ≤ −0.5
 * or mask 0 = padding). {@code ce}: per row softmax CE over the C logits with target column = argmax label (the listwise
 * CE of the rankers; ST-CE CrossEntropyLoss with num_labels = C). {@code mnrl}: logits of (a, p) in column 0 and
 * of {@code num_negatives} candidates (use {@link #sampleNegatives}) after it, activation σ(·)·scale, CE with target 0.
 * Defaults: mode bce, pos_weight 1; mnrl: scale 10, sigmoid activation (ST-CE), num_negatives 4.
 */
public final class CrossEncoderLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L210", "Cross-encoder training objectives (pointwise BCE vs listwise CE)", "ranking", "T1",
            "ST-CE BinaryCrossEntropyLoss, CrossEntropyLoss, MultipleNegativesRankingLoss; Supervised Fine-Tuning or Contrastive Learning? Towards Better Multimodal LLM Reranking",
            "BCE: BCEWithLogits(s, y); CE: softmax CE over candidates; MNRL: CE(scale sigmoid(s), 0)");
    public enum Mode { BCE, CE, MNRL }
    private final Mode mode;
    private final double posWeight, scale;
    private final boolean sigmoid;

    public CrossEncoderLoss(Mode mode, double posWeight, double scale, boolean sigmoid) {
        this.mode = mode;
        this.posWeight = posWeight;
        this.scale = scale;
        this.sigmoid = sigmoid;
    }

    public static CrossEncoderLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "pos_weight", "scale", "activation", "dtype"));
        Mode m;
        try {
            m = Mode.valueOf(p.getString("mode", "bce").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'mode' must be bce, ce or mnrl; got '" + p.getString("mode", "") + "'");
        }
        String act = p.getString("activation", "sigmoid").toLowerCase(Locale.ROOT);
        if (!act.equals("sigmoid") && !act.equals("identity")) throw new IllegalArgumentException("parameter 'activation' must be sigmoid or identity, got '" + act + "'");
        return new CrossEncoderLoss(m, p.getDouble("pos_weight", 1), p.getPositive("scale", 10), act.equals("sigmoid"));
    }

    /** For each of b rows, {@code k} distinct other rows drawn uniformly (the multinomial over off-diagonal entries of CE-MNRL). */
    public static int[][] sampleNegatives(int b, int k, Rng rng) {
        if (k > b - 1) throw new IllegalArgumentException("L210: num_negatives " + k + " exceeds the " + (b - 1) + " other rows of the batch");
        int[][] out = new int[b][k];
        for (int i = 0; i < b; i++) {
            int[] others = new int[b - 1];
            for (int j = 0, t = 0; j < b; j++) if (j != i) others[t++] = j;
            rng.shuffle(others);
            System.arraycopy(others, 0, out[i], 0, k);
        }
        return out;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        switch (mode) {
            case MNRL -> {
                Tensor z = sigmoid ? s.sigmoid().mul(scale) : s.mul(scale);
                return z.logsumexp(1).sub(z.slice(1, 0, 1).reshape(s.dim(0))).mean();
            }
            case CE -> {
                Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
                boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
                double[] yh = Lists.host(y);
                int b = s.dim(0), c = s.dim(1);
                int[] tgt = new int[b];
                for (int i = 0; i < b; i++) {
                    int best = -1;
                    for (int j = 0; j < c; j++) if (valid[i][j] && (best < 0 || yh[i * c + j] > yh[i * c + best])) best = j;
                    if (best < 0) throw new IllegalArgumentException("L210: row " + i + " has no real candidate");
                    tgt[i] = best;
                }
                Tensor z = Tensor.where(Lists.validTensor(valid, null, s), s, Tensor.full(s.dtype(), Double.NEGATIVE_INFINITY));
                return z.logsumexp(1).sub(z.gather(1, Tensor.ofInts(tgt, b, 1)).reshape(b)).mean();
            }
            default -> {
                Tensor y = Lists.like(INFO.id(), in, Lists.LABELS, s);
                boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
                Tensor v = Lists.validTensor(valid, null, s);
                double n = Lists.host(v.sum())[0];
                if (n == 0) return LossInputs.zeroLoss(s);
                Tensor l = s.neg().softplus().mul(y).mul(posWeight).add(s.softplus().mul(y.affine(-1, 1)));
                return l.mul(v).sum().div(n);
            }
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "bce", "pos_weight", "1", "scale", "10", "activation", "sigmoid", "num_negatives", "4");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Input.floats(Lists.LABELS, "B x C", "relevance in [0, 1] (bce) or graded (ce); <= -0.5 = padding").asOptional(), Lists.maskInput());
    }
}
