package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M04 · Binary classification / verification metrics (sentence-transformers {@code BinaryClassificationEvaluator};
 * EER of GE2E; FAR/FRR; ROC-AUC; AP as scikit-learn {@code average_precision_score}; top-k accuracy; multi-label mAP
 * and macro-AUC; coverage at a fixed risk). A pair is accepted when its score ≥ the threshold.
 * <ul>
 * <li>{@link VerificationPairs}: {@code accuracy} and {@code f1} (with {@code precision}, {@code recall}) at their best
 * thresholds; candidate thresholds lie only between distinct scores (ST splits tied scores arbitrarily; here a tie is
 * never split), reported as the midpoint; {@code ap} = Σ_j (R_j − R_{j−1}) P_j over distinct scores (sklearn);
 * {@code auc} = mean over (pos, neg) of 1[s_p &gt; s_n] + ½·1[s_p = s_n]; {@code eer}: FAR and FRR at the operating
 * points (one per distinct score) joined linearly, EER = their crossing; {@code tpr_at_far} = best TPR (sensitivity)
 * with FAR ≤ {@code far}; with {@code threshold} set, {@code precision_at_threshold}, {@code tpr_at_threshold},
 * {@code far_at_threshold}. AUC/AP/EER are NaN without both classes.</li>
 * <li>{@link ClassScores}: {@code top{k}_accuracy} (a true class tied with the k-th score counts only if its index is
 * lower, i.e. ties by lower index).</li>
 * <li>{@link MultiLabelScores}: {@code mAP} = mean over labels with ≥ 1 positive of AP; {@code macro_auc} = mean over
 * labels with both classes of AUC.</li>
 * <li>{@link Confidences}: {@code coverage_at_risk} = largest fraction of the most confident predictions whose error
 * rate is ≤ {@code risk} (cut only between distinct confidences), and {@code risk_at_full_coverage}.</li>
 * </ul>
 * Defaults: far = 0.01, risk = 0.05, top_k = 1,5, threshold unset. Primary: accuracy / top1 accuracy / mAP / coverage.
 */
public final class BinaryClassificationMetrics extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M04", "Binary classification and verification metrics", "evaluation", "T1",
            "sentence-transformers BinaryClassificationEvaluator; GE2E EER; scikit-learn roc_auc_score / average_precision_score",
            "best-threshold acc/F1; AP = sum (R_j-R_{j-1}) P_j; AUC = P(s_p > s_n) + 0.5 P(=); EER where FAR = FRR");

    public BinaryClassificationMetrics() {
        this(Params.empty());
    }

    public BinaryClassificationMetrics(Params params) {
        super(INFO, ParamUtil.defaults("far", "0.01", "risk", "0.05", "top_k", "1,5", "threshold", ""),
                List.of(Input.floats("scores", "N", "pair similarity (higher = same)"), Input.ints("same", "N", "1 if the pair matches")),
                List.of(VerificationPairs.class, ClassScores.class, MultiLabelScores.class, Confidences.class), params);
        Check.unit("far", p.getDouble("far", 0.01));
        Check.unit("risk", p.getDouble("risk", 0.05));
        ParamUtil.intList(p, "top_k");
        if (!p.getString("threshold", "").isEmpty()) p.getDouble("threshold", 0);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        return switch (input) {
            case VerificationPairs v -> verification(v);
            case ClassScores c -> topK(c);
            case MultiLabelScores m -> multiLabel(m);
            case Confidences c -> coverage(c);
            case null, default -> throw Metric.unsupported(this, input);
        };
    }

    /** Operating points over distinct scores, descending: tp[j], fp[j] = counts accepted when the top j groups are accepted. */
    record Curve(double[] thresholds, int[] tp, int[] fp, int pos, int neg) {
        static Curve of(double[] s, boolean[] y) {
            int[] o = Ranking.orderDesc(s);
            int pos = 0;
            for (boolean b : y) if (b) pos++;
            int neg = y.length - pos;
            int groups = 0;
            for (int i = 0; i < o.length; i++) if (i == 0 || s[o[i]] != s[o[i - 1]]) groups++;
            double[] th = new double[groups + 1];
            int[] tp = new int[groups + 1], fp = new int[groups + 1];
            th[0] = Double.POSITIVE_INFINITY;
            int g = 0;
            for (int i = 0; i < o.length; i++) {
                if (i == 0 || s[o[i]] != s[o[i - 1]]) {
                    g++;
                    tp[g] = tp[g - 1];
                    fp[g] = fp[g - 1];
                    th[g] = s[o[i]];
                }
                if (y[o[i]]) tp[g]++;
                else fp[g]++;
            }
            return new Curve(th, tp, fp, pos, neg);
        }

        /** Threshold accepting exactly the first j groups: midpoint to the next group (or the last score). */
        double threshold(int j) {
            if (j == 0) return Double.POSITIVE_INFINITY;
            if (j == thresholds.length - 1) return thresholds[j];
            return (thresholds[j] + thresholds[j + 1]) / 2;
        }
    }

    private MetricValues verification(VerificationPairs v) {
        Curve c = Curve.of(v.scores(), v.same());
        int n = v.scores().length;
        MetricValues.Builder b = MetricValues.builder();
        double bestAcc = -1, accTh = Double.NaN;
        double bestF1 = -1, f1Th = Double.NaN, f1P = 0, f1R = 0;
        for (int j = 0; j < c.tp().length; j++) {
            int tn = c.neg() - c.fp()[j];
            double acc = n == 0 ? Double.NaN : (double) (c.tp()[j] + tn) / n;
            if (acc > bestAcc) {
                bestAcc = acc;
                accTh = c.threshold(j);
            }
            if (j > 0 && c.tp()[j] > 0) {
                double prec = (double) c.tp()[j] / (c.tp()[j] + c.fp()[j]), rec = (double) c.tp()[j] / c.pos();
                double f1 = 2 * prec * rec / (prec + rec);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    f1Th = c.threshold(j);
                    f1P = prec;
                    f1R = rec;
                }
            }
        }
        b.put("accuracy", n == 0 ? Double.NaN : bestAcc).put("accuracy_threshold", accTh);
        b.put("f1", bestF1 < 0 ? 0 : bestF1).put("f1_threshold", f1Th).put("precision", f1P).put("recall", f1R);
        b.put("ap", averagePrecision(v.scores(), v.same()));
        b.put("auc", auc(v.scores(), v.same()));
        double[] eer = eer(c);
        b.put("eer", eer[0]).put("eer_threshold", eer[1]);
        double far = p.getDouble("far", 0.01), best = Double.NaN;
        if (c.pos() > 0 && c.neg() > 0) {
            best = 0;
            for (int j = 0; j < c.tp().length; j++) if ((double) c.fp()[j] / c.neg() <= far) best = Math.max(best, (double) c.tp()[j] / c.pos());
        }
        b.put("tpr_at_far", best);
        String t = p.getString("threshold", "");
        if (!t.isEmpty()) {
            double th = p.getDouble("threshold", 0);
            int tp = 0, fp = 0;
            for (int i = 0; i < n; i++) if (v.scores()[i] >= th) {
                if (v.same()[i]) tp++;
                else fp++;
            }
            b.put("precision_at_threshold", tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp));
            b.put("tpr_at_threshold", c.pos() == 0 ? Double.NaN : (double) tp / c.pos());
            b.put("far_at_threshold", c.neg() == 0 ? Double.NaN : (double) fp / c.neg());
        }
        return b.primary("accuracy").build();
    }

    /** {EER, threshold of the operating point at or just past the crossing}; NaN without both classes. */
    static double[] eer(Curve c) {
        if (c.pos() == 0 || c.neg() == 0) return new double[]{Double.NaN, Double.NaN};
        double prevFar = 0, prevFrr = 1;
        for (int j = 1; j < c.tp().length; j++) {
            double far = (double) c.fp()[j] / c.neg(), frr = 1 - (double) c.tp()[j] / c.pos();
            if (far >= frr) {
                double d1 = prevFrr - prevFar, d2 = frr - far; // d1 > 0 >= d2
                double a = d1 / (d1 - d2);
                return new double[]{prevFar + a * (far - prevFar), c.thresholds()[j]};
            }
            prevFar = far;
            prevFrr = frr;
        }
        throw new IllegalStateException("unreachable: FAR reaches 1 and FRR 0 at the last operating point");
    }

    /** ROC-AUC via average ranks (Mann–Whitney U / (P·N)); NaN without both classes. */
    public static double auc(double[] s, boolean[] y) {
        double[] r = Ranking.averageRanks(s);
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < s.length; i++) if (y[i]) {
            pos++;
            sum += r[i];
        }
        long neg = s.length - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision as scikit-learn: Σ_j (R_j − R_{j−1}) P_j over distinct score thresholds; NaN without positives. */
    public static double averagePrecision(double[] s, boolean[] y) {
        Curve c = Curve.of(s, y);
        if (c.pos() == 0) return Double.NaN;
        double ap = 0, prevR = 0;
        for (int j = 1; j < c.tp().length; j++) {
            double rec = (double) c.tp()[j] / c.pos();
            double prec = (double) c.tp()[j] / (c.tp()[j] + c.fp()[j]);
            ap += (rec - prevR) * prec;
            prevR = rec;
        }
        return ap;
    }

    private MetricValues topK(ClassScores c) {
        MetricValues.Builder b = MetricValues.builder();
        for (int k : ParamUtil.intList(p, "top_k")) {
            int ok = 0;
            for (int i = 0; i < c.labels().length; i++) {
                double[] row = c.scores()[i];
                int y = c.labels()[i], better = 0;
                for (int j = 0; j < row.length; j++) if (row[j] > row[y] || (row[j] == row[y] && j < y)) better++;
                if (better < k) ok++;
            }
            b.put("top" + k + "_accuracy", c.labels().length == 0 ? Double.NaN : (double) ok / c.labels().length);
        }
        return b.build();
    }

    private static MetricValues multiLabel(MultiLabelScores m) {
        int n = m.labels().length, cl = n == 0 ? 0 : m.labels()[0].length;
        double apSum = 0, aucSum = 0;
        int apN = 0, aucN = 0;
        for (int j = 0; j < cl; j++) {
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = m.scores()[i][j];
                y[i] = m.labels()[i][j];
            }
            double ap = averagePrecision(s, y), a = auc(s, y);
            if (!Double.isNaN(ap)) {
                apSum += ap;
                apN++;
            }
            if (!Double.isNaN(a)) {
                aucSum += a;
                aucN++;
            }
        }
        return MetricValues.builder().put("mAP", apN == 0 ? Double.NaN : apSum / apN).put("macro_auc", aucN == 0 ? Double.NaN : aucSum / aucN).build();
    }

    private MetricValues coverage(Confidences c) {
        double risk = p.getDouble("risk", 0.05);
        int n = c.confidence().length;
        int[] o = Ranking.orderDesc(c.confidence());
        int errors = 0, bestKept = 0;
        for (int i = 0; i < n; i++) {
            if (!c.correct()[o[i]]) errors++;
            boolean groupEnd = i == n - 1 || c.confidence()[o[i + 1]] != c.confidence()[o[i]];
            if (groupEnd && (double) errors / (i + 1) <= risk) bestKept = i + 1;
        }
        return MetricValues.builder().put("coverage_at_risk", n == 0 ? Double.NaN : (double) bestKept / n)
                .put("risk_at_full_coverage", n == 0 ? Double.NaN : (double) errors / n).build();
    }
}
