package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Locale;
import java.util.Map;

/**
 * S102 · Batch easy/hard miner, including batch-hard (pytorch-metric-learning {@code BatchEasyHardMiner},
 * {@code BatchHardMiner} = hard/hard; Hermans et al., <i>In Defense of the Triplet Loss for Person
 * Re-Identification</i>).
 *
 * <p>Rule: per anchor one positive by {@code pos_strategy} and one negative by {@code neg_strategy}: hard positive =
 * farthest, easy positive = closest, hard negative = closest, easy negative = farthest; semi-hard negative = the
 * closest negative still farther than the chosen positive, semi-hard positive = the farthest positive still closer
 * than the chosen negative; {@code all} keeps every pair of that kind. Optional value windows
 * {@code allowed_pos_range}/{@code allowed_neg_range} ("lo,hi") exclude values outside them. Anchors lacking either
 * choice are dropped. Returns triplets, or pairs when a strategy is {@code all}. Rejects semihard+semihard and
 * semihard+all (PML). Ties pick the lowest index. Defaults: pos_strategy easy, neg_strategy semihard, distance D01.
 */
public final class BatchEasyHardMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S102", "Batch easy/hard miner", "miner", "T1",
            "pytorch-metric-learning BatchEasyHardMiner, BatchHardMiner; In Defense of the Triplet Loss",
            "per anchor: positive by pos_strategy, negative by neg_strategy (easy/semihard/hard/all)");
    public static final Map<String, String> DEFAULTS = Map.of("pos_strategy", "easy", "neg_strategy", "semihard", "distance", "lp",
            "allowed_pos_range", "", "allowed_neg_range", "");

    public enum Strategy { EASY, SEMIHARD, HARD, ALL }

    private final Strategy pos, neg;
    private final double[] posRange, negRange;

    /** Batch-hard (PML BatchHardMiner): hardest positive and hardest negative per anchor, L2 of normalised embeddings. */
    public static BatchEasyHardMiner batchHard() {
        return new BatchEasyHardMiner(Strategy.HARD, Strategy.HARD, null, null, new LpDistance());
    }

    public BatchEasyHardMiner(Strategy pos, Strategy neg, double[] allowedPosRange, double[] allowedNegRange, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (pos == null || neg == null) throw new IllegalArgumentException("S102: parameters 'pos_strategy' and 'neg_strategy' are required");
        if (pos == Strategy.SEMIHARD && neg == Strategy.SEMIHARD) {
            throw new IllegalArgumentException("S102: pos_strategy and neg_strategy cannot both be semihard");
        }
        if ((pos == Strategy.ALL && neg == Strategy.SEMIHARD) || (neg == Strategy.ALL && pos == Strategy.SEMIHARD)) {
            throw new IllegalArgumentException("S102: semihard cannot be combined with all (pos_strategy=" + pos + ", neg_strategy=" + neg + ")");
        }
        this.pos = pos;
        this.neg = neg;
        this.posRange = checkRange("allowed_pos_range", allowedPosRange);
        this.negRange = checkRange("allowed_neg_range", allowedNegRange);
    }

    private static double[] checkRange(String name, double[] r) {
        if (r == null) return null;
        if (r.length != 2 || !(r[0] <= r[1])) {
            throw new IllegalArgumentException("S102: parameter '" + name + "' must be two numbers lo <= hi, got " + java.util.Arrays.toString(r));
        }
        return r.clone();
    }

    public static Strategy parseStrategy(String name, String s) {
        try {
            return Strategy.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S102: parameter '" + name + "' must be easy, semihard, hard or all, got '" + s + "'");
        }
    }

    /** Parses "lo,hi" (empty = no window). */
    public static double[] parseRange(String name, String s) {
        if (s == null || s.isBlank()) return null;
        String[] parts = s.split(",");
        if (parts.length != 2) throw new IllegalArgumentException("S102: parameter '" + name + "' must be 'lo,hi', got '" + s + "'");
        try {
            return new double[]{Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("S102: parameter '" + name + "' must be 'lo,hi', got '" + s + "'");
        }
    }

    /** One pick per row: the extreme (max when {@code takeMax}) over pairs, skipping values beyond the threshold. */
    private record Pick(int[] idx, double[] val, boolean[] keep) {
    }

    private static Pick perRow(DistMatrix m, boolean positives, boolean takeMax, double[] range, double[] thresholds) {
        int r = m.rows();
        Pick out = new Pick(new int[r], new double[r], new boolean[r]);
        for (int i = 0; i < r; i++) {
            double best = takeMax ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            int bi = -1;
            for (int j = 0; j < m.cols(); j++) {
                if (positives ? !m.isPos(i, j) : !m.isNeg(i, j)) continue;
                double v = m.get(i, j);
                if (thresholds != null && (takeMax ? v >= thresholds[i] : v <= thresholds[i])) continue;
                if (range != null && (v > range[1] || v < range[0])) continue;
                if (bi < 0 || (takeMax ? v > best : v < best)) {
                    best = v;
                    bi = j;
                }
            }
            out.idx[i] = bi;
            out.val[i] = best;
            out.keep[i] = bi >= 0;
        }
        return out;
    }

    /** Positive pick: hard/semihard = farthest (max distance / min similarity), easy = closest. */
    private Pick positives(DistMatrix m, double[] negDists) {
        boolean far = pos != Strategy.EASY;
        return perRow(m, true, far != m.inverted(), posRange, negDists);
    }

    /** Negative pick: hard/semihard = closest (min distance / max similarity), easy = farthest. */
    private Pick negatives(DistMatrix m, double[] posDists) {
        boolean close = neg != Strategy.EASY;
        return perRow(m, false, close == m.inverted(), negRange, posDists);
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        Pick pp = null, nn = null;
        if (pos == Strategy.SEMIHARD && neg != Strategy.ALL) {
            nn = negatives(m, null);
            pp = positives(m, nn.val);
        } else if (neg == Strategy.SEMIHARD && pos != Strategy.ALL) {
            pp = positives(m, null);
            nn = negatives(m, pp.val);
        } else {
            if (pos != Strategy.ALL) pp = positives(m, null);
            if (neg != Strategy.ALL) nn = negatives(m, null);
        }
        IndicesTuple all = (pos == Strategy.ALL || neg == Strategy.ALL) ? IndicesTuple.allPairs(m.labels(), m.refLabels(), m.sameSet()) : null;
        if (pp != null && nn != null) {
            Ints a = new Ints(), p = new Ints(), n = new Ints();
            for (int i = 0; i < m.rows(); i++) {
                if (pp.keep[i] && nn.keep[i]) {
                    a.add(i);
                    p.add(pp.idx[i]);
                    n.add(nn.idx[i]);
                }
            }
            return triplets(a, p, n);
        }
        if (pp == null && nn == null) return all;
        Ints a = new Ints(), o = new Ints();
        Pick pick = pp != null ? pp : nn;
        for (int i = 0; i < m.rows(); i++) {
            if (pick.keep[i]) {
                a.add(i);
                o.add(pick.idx[i]);
            }
        }
        return pp != null ? IndicesTuple.pairs(a.toArray(), o.toArray(), all.a2(), all.n())
                : IndicesTuple.pairs(all.a1(), all.p(), a.toArray(), o.toArray());
    }
}
