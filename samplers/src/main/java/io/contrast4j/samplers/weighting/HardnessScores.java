package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S405 · Hardness characterisation scores (Seedat et al. 2024, <i>Dissecting Sample Hardness: A Fine-Grained Analysis
 * of Hardness Characterization Methods for Data-Centric AI</i>, H-CAT). Pluggable per-sample scores from training
 * dynamics logits[e][i][c] (e = epoch/checkpoint), higher = harder unless noted:
 * loss (mean CE over epochs); AUM = mean_e (z_y − max_{k≠y} z_k) (low = hard); Data Maps confidence mean_e p_y and
 * variability std_e p_y; Data-IQ aleatoric mean_e p_y(1 − p_y); forgetting counts (correct → incorrect transitions);
 * prototypicality = ‖x_i − class mean‖₂. Hardness injectors for tests: uniform and asymmetric (pair-flip y → y+1)
 * label noise. Implemented subset: EL2N/GraNd are S404; VoG, confident learning, Detector, Conf-Agree and the image
 * injectors (shift, zoom/crop, far-OOD) are not implemented. Defaults: none (pure functions).
 */
public final class HardnessScores implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S405", "Hardness characterisation scores (H-CAT and friends)", "reweighting", "T2",
            "Seedat et al. 2024, Dissecting Sample Hardness: A Fine-Grained Analysis of Hardness Characterization Methods for Data-Centric AI",
            "AUM = E(z_y − max_{k≠y} z_k); DataMaps mean/std p_y; DataIQ E[p(1−p)]; forgetting; prototypicality");

    /** Per-sample scores in one record (arrays of length N). */
    public record Scores(double[] loss, double[] aum, double[] confidence, double[] variability, double[] aleatoric, int[] forgetting) {
    }

    private HardnessScores() {
    }

    public static final HardnessScores INSTANCE = new HardnessScores();

    /** All training-dynamics scores from logits[epoch][i][class] and labels[i]. */
    public static Scores fromDynamics(double[][][] logits, int[] labels) {
        if (logits == null || logits.length == 0) throw new IllegalArgumentException("S405: logits must hold at least one epoch");
        if (labels == null) throw new IllegalArgumentException("S405: labels must not be null");
        int n = labels.length, e = logits.length;
        double[] loss = new double[n], aum = new double[n], conf = new double[n], var = new double[n], ale = new double[n];
        int[] forget = new int[n];
        boolean[] prevCorrect = new boolean[n];
        double[][] py = new double[e][n];
        for (int t = 0; t < e; t++) {
            if (logits[t].length != n) throw new IllegalArgumentException("S405: logits[" + t + "] has " + logits[t].length + " rows, expected " + n);
            for (int i = 0; i < n; i++) {
                double[] z = logits[t][i];
                int y = labels[i];
                if (y < 0 || y >= z.length) throw new IllegalArgumentException("S405: labels[" + i + "] = " + y + " out of range [0, " + z.length + ")");
                double max = Double.NEGATIVE_INFINITY, other = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0; c < z.length; c++) {
                    if (z[c] > max) {
                        max = z[c];
                        arg = c;
                    }
                    if (c != y) other = Math.max(other, z[c]);
                }
                double s = 0;
                for (double v : z) s += Math.exp(v - max);
                double lse = max + Math.log(s);
                double p = Math.exp(z[y] - lse);
                py[t][i] = p;
                loss[i] += (lse - z[y]) / e;
                aum[i] += (z.length > 1 ? z[y] - other : z[y]) / e;
                conf[i] += p / e;
                ale[i] += p * (1 - p) / e;
                boolean correct = arg == y;
                if (t > 0 && prevCorrect[i] && !correct) forget[i]++;
                prevCorrect[i] = correct;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0; t < e; t++) s += (py[t][i] - conf[i]) * (py[t][i] - conf[i]);
            var[i] = Math.sqrt(s / e);
        }
        return new Scores(loss, aum, conf, var, ale, forget);
    }

    /** Prototypicality score: Euclidean distance of each x_i to its class mean (higher = less prototypical = harder). */
    public static double[] prototypicality(double[][] x, int[] labels) {
        if (x == null || labels == null || x.length != labels.length) throw new IllegalArgumentException("S405: x and labels must have equal length");
        java.util.Map<Integer, double[]> sum = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> cnt = new java.util.HashMap<>();
        int d = x.length == 0 ? 0 : x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) throw new IllegalArgumentException("S405: x[" + i + "] has dimension " + x[i].length + ", expected " + d);
            double[] s = sum.computeIfAbsent(labels[i], k -> new double[d]);
            for (int j = 0; j < d; j++) s[j] += x[i][j];
            cnt.merge(labels[i], 1, Integer::sum);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] s = sum.get(labels[i]);
            int c = cnt.get(labels[i]);
            double q = 0;
            for (int j = 0; j < d; j++) q += (x[i][j] - s[j] / c) * (x[i][j] - s[j] / c);
            out[i] = Math.sqrt(q);
        }
        return out;
    }

    /** Uniform label noise: each label is replaced with probability {@code rate} by a different class drawn uniformly. */
    public static int[] uniformNoise(int[] labels, int numClasses, double rate, Rng rng) {
        checkNoise(numClasses, rate);
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextDouble() < rate) {
                int c = rng.nextInt(numClasses - 1);
                out[i] = c >= labels[i] ? c + 1 : c;
            }
        }
        return out;
    }

    /** Asymmetric (pair-flip) label noise: with probability {@code rate} y becomes (y + 1) mod C. */
    public static int[] asymmetricNoise(int[] labels, int numClasses, double rate, Rng rng) {
        checkNoise(numClasses, rate);
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) if (rng.nextDouble() < rate) out[i] = (labels[i] + 1) % numClasses;
        return out;
    }

    private static void checkNoise(int numClasses, double rate) {
        if (numClasses < 2) throw new IllegalArgumentException("S405: parameter 'num_classes' must be >= 2, got " + numClasses);
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("S405: parameter 'rate' must be in [0, 1], got " + rate);
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
        return List.of(Input.floats("logits", "E x N x C", "logits per epoch/checkpoint"), Input.ints("labels", "N", "targets"));
    }
}
