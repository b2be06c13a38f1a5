package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.ContrastiveLosses;
import io.contrast4j.losses.contrastive.InfoNce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values, invariances and extreme inputs for the section (c) losses. */
class RankingLossesTest {
    // one query, 3 candidates + 1 padded slot
    static final double[] S = {0.5, 2.0, -1.0, 7.0};
    static final double[] Y = {2, 0, 1, -1};

    static LossInputs list(double[] s, double[] y, int b) {
        int c = s.length / b;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Lists.SCORES, Tensor.of(s, b, c));
        m.put(Lists.LABELS, Tensor.of(y, b, c));
        return LossInputs.of(m);
    }

    static Params p(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Params.of(m);
    }

    static double logSig(double x) {
        return -Math.log1p(Math.exp(-x));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void rankNetHandValueIgnoresPadding() {
        // pairs with y_i > y_j: (0,1), (0,2), (2,1)
        double l = -(logSig(S[0] - S[1]) + logSig(S[0] - S[2]) + logSig(S[2] - S[1])) / Math.log(2) / 3;
        assertEquals(l, RankNetLoss.fromParams(p()).compute(list(S, Y, 1)).item(), 1e-12);
        assertEquals(l * Math.log(2), RankNetLoss.fromParams(p("natural_log", "true")).compute(list(S, Y, 1)).item(), 1e-12);
        // the same padding expressed by a mask instead of label −1
        LossInputs masked = list(S, new double[]{2, 0, 1, 5}, 1).with(Lists.MASK, Tensor.ofInts(new int[]{1, 1, 1, 0}, 1, 4));
        assertEquals(l, RankNetLoss.fromParams(p()).compute(masked).item(), 1e-12);
        assertEquals(l, LambdaLoss.fromParams(p("scheme", "none")).compute(list(S, Y, 1)).item(), 1e-12);
    }

    @Test
    void lambdaRankAndNdcgLoss2PlusPlusHandValues() {
        // predicted order: doc1 (2.0, y0), doc0 (0.5, y2), doc2 (−1, y1); ranks 1..3
        double[] ys = {0, 2, 1};
        double[] ss = {2.0, 0.5, -1.0};
        double maxDcg = 3 / log2(2) + 1 / log2(3);
        double[] g = new double[3];
        for (int r = 0; r < 3; r++) g[r] = (Math.pow(2, ys[r]) - 1) / maxDcg;
        double sumLr = 0, sumN2 = 0;
        int pairs = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                if (!(ys[i] > ys[j])) continue;
                double lr = Math.abs(1 / log2(i + 2) - 1 / log2(j + 2)) * Math.abs(g[i] - g[j]);
                int d = Math.abs(i - j);
                double n2 = Math.abs(1 / log2(d + 1) - 1 / log2(d + 2)) * Math.abs(g[i] - g[j]);
                sumLr += lr * log2(1 / (1 + Math.exp(-(ss[i] - ss[j]))));
                sumN2 += (10 * n2 + lr) * log2(1 / (1 + Math.exp(-(ss[i] - ss[j]))));
                pairs++;
            }
        assertEquals(-sumLr / pairs, LambdaLoss.fromParams(p("scheme", "lambdarank")).compute(list(S, Y, 1)).item(), 1e-12);
        assertEquals(-sumN2 / pairs, LambdaLoss.fromParams(p()).compute(list(S, Y, 1)).item(), 1e-12);
        // NDCGLoss1 uses every real pair (i, j), the diagonal included, weight G_i / D_i
        double n1 = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) n1 += g[i] / log2(i + 2) * log2(1 / (1 + Math.exp(-(ss[i] - ss[j]))));
        assertEquals(-n1 / 9, LambdaLoss.fromParams(p("scheme", "ndcg1")).compute(list(S, Y, 1)).item(), 1e-12);
        // ADORE ΔMRR with metric_cut 2: 1/r = 0 at rank 3
        double[] rr = {1, 0.5, 0};
        double mrr = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (ys[i] > ys[j]) mrr += Math.abs(rr[i] - rr[j]) * logSig(ss[i] - ss[j]);
        assertEquals(-mrr / pairs, LambdaLoss.fromParams(p("scheme", "mrr", "metric_cut", "2")).compute(list(S, Y, 1)).item(), 1e-12);
    }

    @Test
    void listNetHandValue() {
        double zs = Math.exp(S[0]) + Math.exp(S[1]) + Math.exp(S[2]), zy = Math.exp(Y[0]) + Math.exp(Y[1]) + Math.exp(Y[2]);
        double l = 0;
        for (int j = 0; j < 3; j++) l += -Math.exp(Y[j]) / zy * (S[j] - Math.log(zs));
        assertEquals(l, ListNetLoss.fromParams(p()).compute(list(S, Y, 1)).item(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void listwiseLossesAreInvariantToARowShift(long seed) {
        LossInputs in = RankingLosses.listwise(seed, 3, 5, true);
        Tensor s = in.get(Lists.SCORES);
        double[] shift = {3.5, -7.25, 100};
        LossInputs shifted = in.with(Lists.SCORES, s.add(Tensor.of(shift, 3, 1)));
        for (Loss l : List.<Loss>of(ListNetLoss.fromParams(p()), ListMleLoss.fromParams(p()), ListMleLoss.fromParams(p("weights", "plistmle", "respect_input_order", "false")),
                RankNetLoss.fromParams(p()), LambdaLoss.fromParams(p()), LambdaLoss.fromParams(p("scheme", "lambdarank")))) {
            double a = l.compute(in).item(), b = l.compute(shifted).item();
            assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), "seed " + seed + " " + l.info().id());
        }
    }

    @Test
    void listMleHandValues() {
        // label order: doc0 (y2), doc2 (y1), doc1 (y0)
        double[] o = {S[0], S[2], S[1]};
        double lp0 = o[0] - Math.log(Math.exp(o[0]) + Math.exp(o[1]) + Math.exp(o[2]));
        double lp1 = o[1] - Math.log(Math.exp(o[1]) + Math.exp(o[2]));
        assertEquals(-(lp0 + lp1), ListMleLoss.fromParams(p("respect_input_order", "false")).compute(list(S, Y, 1)).item(), 1e-12);
        // PListMLE: λ_r = 2^{3−r} − 1 = 7, 3, 1, normalised
        assertEquals(-(7 * lp0 + 3 * lp1) / 11, ListMleLoss.fromParams(p("respect_input_order", "false", "weights", "plistmle")).compute(list(S, Y, 1)).item(), 1e-12);
        // input order
        double q0 = S[0] - Math.log(Math.exp(S[0]) + Math.exp(S[1]) + Math.exp(S[2])), q1 = S[1] - Math.log(Math.exp(S[1]) + Math.exp(S[2]));
        assertEquals(-(q0 + q1), ListMleLoss.fromParams(p()).compute(list(S, Y, 1)).item(), 1e-12);
        assertEquals(-(q0 + q1 / log2(3)), ListMleLoss.fromParams(p("weights", "importance")).compute(list(S, Y, 1)).item(), 1e-12);
    }

    @Test
    void distillationHandValues() {
        double[][] q = {{1, 0}, {0, 2}}, pp = {{0.5, 0.5}, {1, 1}};
        double[] n = {2, 1, -1, 0.5}; // B x 1 x D
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, Tensor.fromArray(q));
        m.put(InfoNce.POSITIVES, Tensor.fromArray(pp));
        m.put(InfoNce.NEGATIVES, Tensor.of(n, 2, 1, 2));
        double[][] s = {{0.5, 2}, {2, 1}}; // dot products (pos, neg)
        double[][] t = {{1.0, 0.2}, {0.3, 0.9}};
        LossInputs cols = LossInputs.of(m).with(Lists.TEACHER, Tensor.fromArray(t));
        double mm = (Math.pow((0.5 - 2) - (1.0 - 0.2), 2) + Math.pow((2 - 1) - (0.3 - 0.9), 2)) / 2;
        assertEquals(mm, MarginMseLoss.fromParams(p()).compute(cols).item(), 1e-12);
        // teacher margins given directly: same loss
        LossInputs margins = LossInputs.of(m).with(Lists.TEACHER, Tensor.of(new double[]{0.8, -0.6}, 2, 1));
        assertEquals(mm, MarginMseLoss.fromParams(p()).compute(margins).item(), 1e-12);
        // KL with τ = 2
        double kl = 0;
        for (int i = 0; i < 2; i++) {
            double zt = Math.exp(t[i][0] / 2) + Math.exp(t[i][1] / 2), zs = Math.exp(s[i][0] / 2) + Math.exp(s[i][1] / 2);
            for (int j = 0; j < 2; j++) {
                double pt = Math.exp(t[i][j] / 2) / zt, ps = Math.exp(s[i][j] / 2) / zs;
                kl += pt * Math.log(pt / ps);
            }
        }
        assertEquals(4 * kl / 2, DistillKlLoss.fromParams(p("temperature", "2")).compute(cols).item(), 1e-12);
        // KL of a student equal to its teacher is 0; JS is symmetric in (student, teacher)
        LossInputs same = LossInputs.of(Map.of(Lists.SCORES, Tensor.fromArray(t), Lists.TEACHER, Tensor.fromArray(t)));
        assertEquals(0, DistillKlLoss.fromParams(p()).compute(same).item(), 1e-14);
        LossInputs st = LossInputs.of(Map.of(Lists.SCORES, Tensor.fromArray(s), Lists.TEACHER, Tensor.fromArray(t)));
        LossInputs ts = LossInputs.of(Map.of(Lists.SCORES, Tensor.fromArray(t), Lists.TEACHER, Tensor.fromArray(s)));
        assertEquals(DistillKlLoss.fromParams(p("divergence", "js")).compute(st).item(), DistillKlLoss.fromParams(p("divergence", "js")).compute(ts).item(), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> MarginMseLoss.fromParams(p()).compute(LossInputs.of(m).with(Lists.TEACHER, Tensor.zeros(io.contrast4j.autograd.DType.F64, 2, 3))));
        // embedding MSE over two columns
        double[][] e1 = {{1, 2}}, e2 = {{0, 1}}, te = {{1, 1}};
        LossInputs mse = LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(e1), EmbeddingMseLoss.REF, Tensor.fromArray(e2), EmbeddingMseLoss.TEACHER_EMBEDDINGS, Tensor.fromArray(te)));
        assertEquals(((0 + 1) / 2.0 + (1 + 0) / 2.0) / 2, EmbeddingMseLoss.fromParams(p()).compute(mse).item(), 1e-12);
    }

    @Test
    void crossEncoderObjectives() {
        double[] s = {1.5, -0.5, 0.25, 3};
        double[] y = {1, 0, 0.5, -1};
        double bce = 0;
        for (int j = 0; j < 3; j++) bce += -(2 * y[j] * logSig(s[j]) + (1 - y[j]) * logSig(-s[j]));
        assertEquals(bce / 3, CrossEncoderLoss.fromParams(p("pos_weight", "2")).compute(list(s, y, 1)).item(), 1e-12);
        // listwise CE: target = argmax label among the real slots
        double ce = -s[0] + Math.log(Math.exp(s[0]) + Math.exp(s[1]) + Math.exp(s[2]));
        assertEquals(ce, CrossEncoderLoss.fromParams(p("mode", "ce")).compute(list(s, y, 1)).item(), 1e-12);
        // MNRL: CE over 10·σ(s), target 0
        double z = 0;
        for (double v : s) z += Math.exp(10 / (1 + Math.exp(-v)));
        double mn = -10 / (1 + Math.exp(-s[0])) + Math.log(z);
        assertEquals(mn, CrossEncoderLoss.fromParams(p("mode", "mnrl")).compute(LossInputs.of(Map.of(Lists.SCORES, Tensor.of(s, 1, 4)))).item(), 1e-12);
        int[][] neg = CrossEncoderLoss.sampleNegatives(5, 3, new io.contrast4j.autograd.Rng(1));
        for (int i = 0; i < 5; i++) for (int v : neg[i]) assertTrue(v != i && v >= 0 && v < 5);
    }

    static List<Loss> listLosses() {
        return List.of(RankNetLoss.fromParams(p()), LambdaLoss.fromParams(p()), LambdaLoss.fromParams(p("scheme", "ndcg1")), LambdaLoss.fromParams(p("scheme", "first")),
                ListNetLoss.fromParams(p()), ListMleLoss.fromParams(p("weights", "plistmle")), CrossEncoderLoss.fromParams(p("mode", "ce")),
                CrossEncoderLoss.fromParams(p("mode", "bce")), CrossEncoderLoss.fromParams(p("mode", "mnrl")));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e4, 100})
    void extremeScoresGiveFiniteLossesAndGradients(double scale) {
        double[] s = {scale, -scale, 0.5 * scale, -0.25 * scale, -scale, scale, 0, 0.3 * scale};
        double[] y = {0, 1, 0.5, -1, 1, 0, 0.3, 0.7};
        for (Loss l : listLosses()) {
            Tensor st = Tensor.of(s, 2, 4).requiresGrad(true);
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put(Lists.SCORES, st);
            m.put(Lists.LABELS, Tensor.of(y, 2, 4));
            Tensor loss = l.compute(LossInputs.of(m));
            loss.backward();
            assertTrue(Double.isFinite(loss.item()), l.info().id() + " scale " + scale + " loss " + loss.item());
            for (double g : st.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " scale " + scale + " gradient " + g);
        }
        Tensor st = Tensor.of(s, 2, 4).requiresGrad(true);
        Tensor t = Tensor.of(new double[]{-scale, scale, 0, 1, 2, 3, scale, -scale}, 2, 4);
        for (Loss l : List.<Loss>of(DistillKlLoss.fromParams(p()), DistillKlLoss.fromParams(p("divergence", "js")))) {
            st.zeroGrad();
            Tensor loss = l.compute(LossInputs.of(Map.of(Lists.SCORES, st, Lists.TEACHER, t)));
            loss.backward();
            assertTrue(Double.isFinite(loss.item()), l.info().id() + " loss " + loss.item());
            for (double g : st.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " gradient " + g);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "ndcg1", "ndcg2", "lambdarank", "mrr", "first"})
    void everyLambdaSchemePassesTheGradientCheck(String scheme) {
        LossEntry e = LossEntry.of("L207", LambdaLoss::fromParams, p("scheme", scheme), s -> RankingLosses.listwise(s, 3, 5, true));
        for (long seed : new long[]{5, 6}) assertTrue(e.gradCase().run(seed).passed(), scheme + " seed " + seed + ": " + e.gradCase().run(seed).summary());
    }

    @Test
    void spladeAddsFlopsToTheBase() {
        double[][] q = {{1, 0, 2}, {0, 0, 1}}, d = {{0.5, 0, 1}, {2, 1, 0}};
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(q), InfoNce.POSITIVES, Tensor.fromArray(d)));
        double base = io.contrast4j.losses.contrastive.InfoNceLoss.fromParams(p("similarity", "dot", "scale", "1")).compute(in).item();
        double fd = Math.pow(1.25, 2) + Math.pow(0.5, 2) + Math.pow(0.5, 2), fq = Math.pow(0.5, 2) + 0 + Math.pow(1.5, 2);
        assertEquals(base + 0.1 * fd + 0.2 * fq, SpladeLoss.fromParams(p("document_regularizer_weight", "0.1", "query_regularizer_weight", "0.2")).compute(in).item(), 1e-12);
        assertEquals(base + 0.1 * (fd + fq), SpladeLoss.fromParams(p("document_regularizer_weight", "0.1", "document_regularizer_only", "true")).compute(in).item(), 1e-12);
        // threshold 1: query row 1 (L0 = 1) is zeroed before the mean
        double fq1 = Math.pow(0.5, 2) + Math.pow(1.0, 2);
        assertEquals(base + 0.1 * fd + 0.2 * fq1, SpladeLoss.fromParams(p("document_regularizer_weight", "0.1", "query_regularizer_weight", "0.2", "threshold", "1")).compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SpladeLoss.fromParams(p()));
    }
}
