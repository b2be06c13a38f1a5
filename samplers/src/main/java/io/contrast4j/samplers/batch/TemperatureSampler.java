package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S009 · Temperature sampling, scalarisation and Cooldown (<i>Upsample or Upweight? Balanced Training on Heavily
 * Imbalanced Datasets</i>).
 *
 * <p>Rule: groups g (data sets, languages, classes) of sizes n_g; group probabilities p_g ∝ n_g^{1/T}.
 * {@link Mode#TEMPERATURE}: each batch position draws a group with p_g, then a member uniformly (with replacement).
 * {@link Mode#SCALARISATION}: samples are drawn uniformly (∝ n_g) and the loss of a sample of group g is weighted by
 * p_g / (n_g / N) ({@link #lossWeight}, for R11). Cooldown: with {@code cooldown_epochs} &gt; 0 the temperature decays
 * linearly from T to 1 (proportional) over that many epochs (the linear shape is this implementation's choice).
 * Epoch length: ⌈N / B⌉ batches. Formula follows CATALOG.md [K]. Defaults: batch_size 32, temperature 2,
 * cooldown_epochs 0, mode temperature.
 */
public final class TemperatureSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S009", "Temperature sampling, scalarisation and Cooldown", "batch-sampler", "T2",
            "Upsample or Upweight? Balanced Training on Heavily Imbalanced Datasets",
            "p_g ∝ n_g^(1/T); scalarisation weights p_g/(n_g/N); cooldown T -> 1"),
            Map.of("batch_size", "32", "temperature", "2", "cooldown_epochs", "0", "mode", "temperature"),
            List.of(Input.ints("groups", "N", "group (data set / language / class) of every sample")));

    public enum Mode { TEMPERATURE, SCALARISATION }

    private final int[][] members;
    private final int[] groupIndexOf;
    private final int batchSize, cooldownEpochs;
    private final double temperature;
    private final Mode mode;

    public TemperatureSampler(int[] groups, int batchSize, double temperature, int cooldownEpochs, Mode mode) {
        super(SPEC, SamplerChecks.notNull("S009", "groups", groups).length);
        this.batchSize = SamplerChecks.positive("S009", "batch_size", batchSize);
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("S009: parameter 'temperature' must be > 0, got " + temperature);
        if (cooldownEpochs < 0) throw new IllegalArgumentException("S009: parameter 'cooldown_epochs' must be >= 0, got " + cooldownEpochs);
        if (mode == null) throw new IllegalArgumentException("S009: parameter 'mode' is required");
        this.temperature = temperature;
        this.cooldownEpochs = cooldownEpochs;
        this.mode = mode;
        TreeMap<Integer, int[]> by = SamplerChecks.byLabel(groups);
        members = by.values().toArray(new int[0][]);
        groupIndexOf = new int[size];
        for (int g = 0; g < members.length; g++) for (int i : members[g]) groupIndexOf[i] = g;
    }

    /** Temperature in effect at {@code epoch}. */
    public double temperatureAt(int epoch) {
        if (cooldownEpochs == 0) return temperature;
        double f = Math.max(0, 1 - (double) epoch / cooldownEpochs);
        return 1 + (temperature - 1) * f;
    }

    /** p_g ∝ n_g^{1/T(epoch)}, groups in ascending id order. */
    public double[] groupProbabilities(int epoch) {
        double t = temperatureAt(epoch);
        double[] p = new double[members.length];
        double s = 0;
        for (int g = 0; g < p.length; g++) {
            p[g] = Math.pow(members[g].length, 1 / t);
            s += p[g];
        }
        for (int g = 0; g < p.length; g++) p[g] /= s;
        return p;
    }

    /** Loss weight of sample {@code i}: p_g / (n_g / N) in scalarisation mode, 1 in temperature mode. */
    public double lossWeight(int i, int epoch) {
        if (mode == Mode.TEMPERATURE) return 1;
        int g = groupIndexOf[i];
        return groupProbabilities(epoch)[g] / ((double) members[g].length / size);
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int nb = (size + batchSize - 1) / batchSize;
        List<int[]> out = new ArrayList<>(nb);
        double[] p = groupProbabilities(epoch);
        double[] cum = new double[p.length];
        double acc = 0;
        for (int g = 0; g < p.length; g++) cum[g] = acc += p[g];
        for (int b = 0; b < nb; b++) {
            int[] batch = new int[batchSize];
            for (int k = 0; k < batchSize; k++) {
                if (mode == Mode.SCALARISATION) {
                    batch[k] = rng.nextInt(size);
                } else {
                    double u = rng.nextDouble() * acc;
                    int g = 0;
                    while (g < cum.length - 1 && cum[g] <= u) g++;
                    batch[k] = members[g][rng.nextInt(members[g].length)];
                }
            }
            out.add(batch);
        }
        return out;
    }
}
