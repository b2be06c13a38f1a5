package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S301 · Hard negative mixing, MoCHi (Kalantidis et al. 2020, <i>Hard Negative Mixing for Contrastive Learning</i>).
 * Per query q: sort its negatives by cos(q, n) and take the hardest N; make s synthetic negatives
 * h = normalize(α n_i + (1−α) n_j), α ~ U(0,1), i ≠ j from the hardest N, and s' harder ones
 * h' = normalize(β q + (1−β) n_j), β ~ U(0, 0.5), j from the hardest N. They are appended as extra denominator
 * columns of InfoNCE (L101) with <b>no gradient through them</b> ({@link #synthesize} detaches). The differentiable
 * {@link #apply} (coefficients and selections frozen in a {@link Plan}) is what the gradient check covers.
 * Negatives: per query (B x K x D) or a shared queue (M x D). Defaults: N = 16, s = 16, s' = 4 (the paper's
 * ImageNet-100 configs such as (1024, 1024, 128) scaled down to a batch/queue; [K?] scale to yours). The KaLM-V2
 * online-mixing variant is the same operation on mined hard negatives (formula not verified against the paper:
 * follows CATALOG.md).
 */
public final class HardNegativeMixer implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S301", "Hard negative mixing (MoCHi)", "mixing", "T1",
            "Kalantidis et al. 2020, Hard Negative Mixing for Contrastive Learning",
            "h = normalize(α n_i + (1−α) n_j), α~U(0,1); h' = normalize(β q + (1−β) n_j), β~U(0,0.5); hardest-N only; sg");

    /**
     * Frozen choices for a batch: row b's k-th synthetic negative mixes negatives {@code i[b][k]} and {@code j[b][k]}
     * with coefficient {@code coef[b][k]} (k &lt; s: α, n_i with n_j; k ≥ s: β, q with n_j; i unused).
     */
    public record Plan(int s, int sPrime, int[][] i, int[][] j, double[][] coef) {
    }

    private final int hardest;
    private final int s;
    private final int sPrime;

    public HardNegativeMixer(int hardestN, int s, int sPrime) {
        if (hardestN < 2) throw new IllegalArgumentException("parameter 'N' (hardest negatives) must be >= 2, got " + hardestN);
        if (s < 0) throw new IllegalArgumentException("parameter 's' must be >= 0, got " + s);
        if (sPrime < 0) throw new IllegalArgumentException("parameter 's_prime' must be >= 0, got " + sPrime);
        if (s + sPrime == 0) throw new IllegalArgumentException("parameters 's' + 's_prime' must be >= 1");
        this.hardest = hardestN;
        this.s = s;
        this.sPrime = sPrime;
    }

    public HardNegativeMixer() {
        this(16, 16, 4);
    }

    /** Draws a plan from the current (detached) similarities. */
    public Plan plan(Tensor queries, Tensor negatives, Rng rng) {
        int b = checkShapes(queries, negatives);
        int k = negatives.rank() == 3 ? negatives.dim(1) : negatives.dim(0);
        if (k < 2) throw new IllegalArgumentException("S301: need at least 2 negatives per query, got " + k);
        double[][] sims = cosines(queries, negatives);
        int n = Math.min(hardest, k);
        int[][] ii = new int[b][s + sPrime], jj = new int[b][s + sPrime];
        double[][] cc = new double[b][s + sPrime];
        for (int r = 0; r < b; r++) {
            double[] row = sims[r];
            Integer[] order = new Integer[k];
            for (int t = 0; t < k; t++) order[t] = t;
            Arrays.sort(order, (x, y) -> row[x] != row[y] ? Double.compare(row[y], row[x]) : Integer.compare(x, y));
            for (int t = 0; t < s + sPrime; t++) {
                if (t < s) {
                    int a = rng.nextInt(n), c = rng.nextInt(n - 1);
                    if (c >= a) c++;
                    ii[r][t] = order[a];
                    jj[r][t] = order[c];
                    cc[r][t] = rng.nextDouble();
                } else {
                    jj[r][t] = order[rng.nextInt(n)];
                    cc[r][t] = 0.5 * rng.nextDouble();
                }
            }
        }
        return new Plan(s, sPrime, ii, jj, cc);
    }

    /** Synthetic negatives B x (s + s') x D, detached (MoCHi: no gradient through them). */
    public Tensor synthesize(Tensor queries, Tensor negatives, Rng rng) {
        Plan p = plan(queries, negatives, rng);
        try (var g = Grad.off()) {
            return apply(queries, negatives, p).detach();
        }
    }

    /** [negatives, synthetic] along the candidate axis: B x (K + s + s') x D (per-query negatives only). */
    public Tensor augment(Tensor queries, Tensor negatives, Rng rng) {
        if (negatives.rank() != 3) throw new IllegalArgumentException("S301 augment: negatives must be B x K x D, got rank " + negatives.rank());
        return Tensor.concat(List.of(negatives, synthesize(queries, negatives, rng)), 1);
    }

    /** The mixing function with frozen choices; differentiable in queries and negatives. Shape B x (s + s') x D. */
    public static Tensor apply(Tensor queries, Tensor negatives, Plan p) {
        int b = queries.dim(0), d = queries.dim(1);
        boolean perRow = negatives.rank() == 3;
        int k = perRow ? negatives.dim(1) : negatives.dim(0);
        Tensor flat = perRow ? negatives.reshape(b * k, d) : negatives;
        Tensor qn = queries.normalize(1), nn = flat.normalize(1);
        int m = p.s() + p.sPrime();
        Tensor out = null;
        if (p.s() > 0) {
            int[] ia = new int[b * p.s()], ja = new int[b * p.s()];
            double[] al = new double[b * p.s()];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < p.s(); t++) {
                    ia[r * p.s() + t] = (perRow ? r * k : 0) + p.i()[r][t];
                    ja[r * p.s() + t] = (perRow ? r * k : 0) + p.j()[r][t];
                    al[r * p.s() + t] = p.coef()[r][t];
                }
            }
            Tensor alpha = Tensor.of(al, b * p.s(), 1).to(queries.dtype());
            Tensor h = nn.indexSelect(0, ia).mul(alpha).add(nn.indexSelect(0, ja).mul(alpha.neg().add(1.0))).normalize(1);
            out = h.reshape(b, p.s(), d);
        }
        if (p.sPrime() > 0) {
            int[] qa = new int[b * p.sPrime()], ja = new int[b * p.sPrime()];
            double[] be = new double[b * p.sPrime()];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < p.sPrime(); t++) {
                    qa[r * p.sPrime() + t] = r;
                    ja[r * p.sPrime() + t] = (perRow ? r * k : 0) + p.j()[r][p.s() + t];
                    be[r * p.sPrime() + t] = p.coef()[r][p.s() + t];
                }
            }
            Tensor beta = Tensor.of(be, b * p.sPrime(), 1).to(queries.dtype());
            Tensor h2 = qn.indexSelect(0, qa).mul(beta).add(nn.indexSelect(0, ja).mul(beta.neg().add(1.0))).normalize(1).reshape(b, p.sPrime(), d);
            out = out == null ? h2 : Tensor.concat(List.of(out, h2), 1);
        }
        return out.reshape(b, m, d);
    }

    private static int checkShapes(Tensor q, Tensor n) {
        if (q.rank() != 2) throw new IllegalArgumentException("S301: queries must be B x D, got rank " + q.rank());
        if (q.dtype() == DType.I32) throw new IllegalArgumentException("S301: queries must be floating point");
        int b = q.dim(0), d = q.dim(1);
        if (n.rank() == 3) {
            if (n.dim(0) != b || n.dim(2) != d) throw new IllegalArgumentException("S301: negatives must be " + b + " x K x " + d + ", got " + Arrays.toString(n.shape()));
        } else if (n.rank() == 2) {
            if (n.dim(1) != d) throw new IllegalArgumentException("S301: negatives (queue) must be M x " + d + ", got " + Arrays.toString(n.shape()));
        } else {
            throw new IllegalArgumentException("S301: negatives must be B x K x D or M x D, got rank " + n.rank());
        }
        return b;
    }

    private static double[][] cosines(Tensor q, Tensor n) {
        try (var g = Grad.off()) {
            int b = q.dim(0), d = q.dim(1);
            double[] qa = q.detach().normalize(1).toDoubleArray();
            boolean perRow = n.rank() == 3;
            int k = perRow ? n.dim(1) : n.dim(0);
            double[] na = (perRow ? n.detach().reshape(b * k, d) : n.detach()).normalize(1).toDoubleArray();
            double[][] out = new double[b][k];
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < k; t++) {
                    int off = ((perRow ? r * k : 0) + t) * d;
                    double sum = 0;
                    for (int x = 0; x < d; x++) sum += qa[r * d + x] * na[off + x];
                    out[r][t] = sum;
                }
            }
            return out;
        }
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("N", String.valueOf(hardest));
        m.put("s", String.valueOf(s));
        m.put("s_prime", String.valueOf(sPrime));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "B x D", "query embeddings"), Input.floats("negatives", "B x K x D", "negatives (or an M x D queue)"));
    }
}
