package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.LpDistance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L021 · Tiered quadruplet loss — <i>Ugly Ducklings or Swans: A Tiered Quadruplet Network with Patient-Specific Mining
 * for Improved Skin Lesion Classification</i> (s004).
 * Over all quadruplets (a, p, n₁, n₂) with y_p = y_a, a ≠ p, y_{n₁} ≠ y_a, y_{n₂} ∉ {y_a, y_{n₁}}:
 * ℓ = [d(a,p) − d(a,n₁) + m₁]₊ + [d(a,p) − d(n₁,n₂) + m₂]₊; item tier L_item = mean over quadruplets (0 with a graph
 * when there is none). With the optional {@code groups} input (e.g. patient ids), a group tier is added: the same
 * quadruplet loss with the group ids as labels, L = L_item + λ_g·L_group.
 * Defaults (catalog placeholders, [K?]): m₁ = 0.2, m₂ = 0.1, λ_g = 1, D01 on normalised embeddings. The paper's
 * per-group dynamic margin is not implemented: formula not verified against the paper: follows CATALOG.md.
 */
public final class TieredQuadrupletLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L021", "Tiered quadruplet loss", "metric-learning", "T2",
            "Ugly Ducklings or Swans: A Tiered Quadruplet Network with Patient-Specific Mining (s004)",
            "[d(a,p) − d(a,n1) + m1]+ + [d(a,p) − d(n1,n2) + m2]+");
    public static final String GROUPS = "groups";
    private final double m1, m2, groupWeight;
    private final LpDistance distance = new LpDistance();

    public TieredQuadrupletLoss(double m1, double m2, double groupWeight) {
        this.m1 = m1;
        this.m2 = m2;
        this.groupWeight = groupWeight;
    }

    public static TieredQuadrupletLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin1", "margin2", "group_weight", "dtype"));
        return new TieredQuadrupletLoss(p.getDouble("margin1", 0.2), p.getDouble("margin2", 0.1), p.getDouble("group_weight", 1));
    }

    /** All valid quadruplets as {a, p, n1, n2} index arrays. */
    static int[][] quadruplets(int[] y) {
        List<int[]> q = new ArrayList<>();
        int n = y.length;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || y[p] != y[a]) continue;
                for (int n1 = 0; n1 < n; n1++) {
                    if (y[n1] == y[a]) continue;
                    for (int n2 = 0; n2 < n; n2++) {
                        if (y[n2] == y[a] || y[n2] == y[n1]) continue;
                        q.add(new int[]{a, p, n1, n2});
                    }
                }
            }
        }
        int[][] out = new int[4][q.size()];
        for (int k = 0; k < q.size(); k++) for (int c = 0; c < 4; c++) out[c][k] = q.get(k)[c];
        return out;
    }

    /** Mean quadruplet loss with labels {@code y}; zero (on the graph) when there is no quadruplet. */
    Tensor tier(Tensor d, Tensor emb, int[] y) {
        int[][] q = quadruplets(y);
        if (q[0].length == 0) return LossInputs.zeroLoss(emb);
        Tensor ap = MetricLoss.pick(d, q[0], q[1]);
        Tensor l1 = ap.sub(MetricLoss.pick(d, q[0], q[2])).add(m1).relu();
        Tensor l2 = ap.sub(MetricLoss.pick(d, q[2], q[3])).add(m2).relu();
        return l1.add(l2).mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor emb = in.embeddings();
        int[] y = in.labels();
        if (y.length != emb.dim(0)) throw new IllegalArgumentException(INFO.id() + ": " + emb.dim(0) + " embeddings but " + y.length + " labels");
        Tensor d = distance.matrix(emb, emb);
        Tensor l = tier(d, emb, y);
        if (in.has(GROUPS)) {
            int[] g = in.get(GROUPS).toIntArray();
            if (g.length != y.length) throw new IllegalArgumentException(INFO.id() + ": " + y.length + " labels but " + g.length + " groups");
            l = l.add(tier(d, emb, g).mul(groupWeight));
        }
        return l;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin1", "0.2", "margin2", "0.1", "group_weight", "1", "distance", "D01");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "embeddings"),
                Input.ints(LossInputs.LABELS, "N", "class labels"),
                Input.ints(GROUPS, "N", "group ids (e.g. patient) for the group tier").asOptional());
    }
}
