package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Arrays;
import java.util.Map;

/**
 * S108 · Hard-aware deeply cascaded (HDC) miner (Yuan et al., <i>Hard-Aware Deeply Cascaded Embedding</i>;
 * pytorch-metric-learning {@code HDCMiner}).
 *
 * <p>Rule: keep the hardest ⌈filter_percentage · #pairs⌉ positive pairs (largest distance / smallest similarity)
 * and, separately, of the negative pairs (smallest distance / largest similarity). Cascade: {@link #filter} applies
 * the same rule to the pairs of a previous stage's tuple (PML {@code set_idx_externally}; triplets are converted to
 * pairs). Ties keep the lower pair index. Returns pairs. Defaults: filter_percentage 0.5, distance D01.
 */
public final class HdcMiner extends BaseMiner {
    public static final CatalogInfo INFO = new CatalogInfo("S108", "Hard-aware cascaded (HDC) miner", "miner", "T1",
            "Hard-Aware Deeply Cascaded Embedding; pytorch-metric-learning HDCMiner",
            "keep the hardest ceil(pct * #pairs) positive and negative pairs");
    public static final Map<String, String> DEFAULTS = Map.of("filter_percentage", "0.5", "distance", "lp");

    private final double pct;

    public HdcMiner() {
        this(0.5, new LpDistance());
    }

    public HdcMiner(double filterPercentage, Distance distance) {
        super(INFO, DEFAULTS, distance);
        if (!(filterPercentage > 0 && filterPercentage <= 1)) {
            throw new IllegalArgumentException("S108: parameter 'filter_percentage' must be in (0, 1], got " + filterPercentage);
        }
        this.pct = filterPercentage;
    }

    @Override
    protected IndicesTuple mine(DistMatrix m, Tensor embeddings, Tensor ref) {
        return filter(m, IndicesTuple.allPairs(m.labels(), m.refLabels(), m.sameSet()));
    }

    /** One cascade stage: filters the pairs of {@code previous} (indices into this batch / reference set). */
    public IndicesTuple filter(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels, IndicesTuple previous) {
        checkInputs("S108", embeddings, labels, refEmbeddings, refLabels);
        if (previous == null) throw new IllegalArgumentException("S108: the previous stage's tuple is required");
        try (Grad.Scope g = Grad.off()) {
            return filter(matrix(embeddings, labels, refEmbeddings, refLabels), previous.toPairs());
        }
    }

    private IndicesTuple filter(DistMatrix m, IndicesTuple pairs) {
        int[][] pos = hardest(m, pairs.a1(), pairs.p(), true);
        int[][] neg = hardest(m, pairs.a2(), pairs.n(), false);
        return IndicesTuple.pairs(pos[0], pos[1], neg[0], neg[1]);
    }

    private int[][] hardest(DistMatrix m, int[] a, int[] o, boolean positives) {
        int count = a.length;
        int k = (int) Math.ceil(pct * count);
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
            if (a[i] < 0 || a[i] >= m.rows() || o[i] < 0 || o[i] >= m.cols()) {
                throw new IllegalArgumentException("S108: previous tuple pair (" + a[i] + ", " + o[i] + ") is outside the " + m.rows() + " x " + m.cols() + " matrix");
            }
        }
        // hardest first: positives farthest, negatives closest
        boolean farFirst = positives;
        Arrays.sort(order, (x, y) -> {
            double vx = m.get(a[x], o[x]), vy = m.get(a[y], o[y]);
            int c = m.closer(vx, vy) ? -1 : m.closer(vy, vx) ? 1 : 0;
            if (farFirst) c = -c;
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] ka = new int[k], ko = new int[k];
        for (int i = 0; i < k; i++) {
            ka[i] = a[order[i]];
            ko[i] = o[order[i]];
        }
        return new int[][]{ka, ko};
    }
}
