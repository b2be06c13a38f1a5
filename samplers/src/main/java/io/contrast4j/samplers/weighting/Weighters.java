package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Set;

/**
 * Registry rows of section (j) (re-weighting and data selection) and factories by ID. Weights are computed under
 * no-grad and consumed with R11 semantics, so the rows carry no gradient checks.
 */
public final class Weighters {
    private Weighters() {
    }

    public static List<Entry> entries() {
        return List.of(
                new Entry(new LossReweighter(), List.of()),
                new Entry(new DifficultyCurriculum(1), List.of()),
                new Entry(new DataDietScores(), List.of()),
                new Entry(new LossGmmDivision(), List.of()),
                new Entry(new RepeatedRandomSubsets(1, 0.1, false, 0), List.of()));
    }

    /** A loss-based {@link SampleWeighter} by ID or name: S401 / linupper / quadratic / extremes / loreun (parameters r, delta). */
    public static SampleWeighter weighter(String idOrName, Params p) {
        p.checkKnown(Set.of("strategy", "r", "delta"));
        String strategy = switch (idOrName) {
            case "S401" -> p.getString("strategy", "linupper");
            case "linupper", "quadratic", "extremes", "loreun" -> idOrName;
            default -> throw new IllegalArgumentException("unknown re-weighter '" + idOrName + "' (known: S401, linupper, quadratic, extremes, loreun)");
        };
        return new LossReweighter(LossReweighter.strategy(strategy), p.getDouble("r", 1), p.getDouble("delta", 1));
    }

    /** Any component of this package by ID with parameters (n and seed for S408). */
    public static Registered create(String id, Params p) {
        return switch (id) {
            case "S401" -> weighter(id, p);
            case "S402" -> {
                p.checkKnown(Set.of("m"));
                yield new DifficultyCurriculum(p.getInt("m", 1));
            }
            case "S404" -> new DataDietScores();
            case "S406" -> {
                p.checkKnown(Set.of("iterations"));
                yield new LossGmmDivision(p.getInt("iterations", 100));
            }
            case "S408" -> {
                p.checkKnown(Set.of("n", "r", "with_replacement", "seed"));
                yield new RepeatedRandomSubsets(p.getInt("n", 1), p.getDouble("r", 0.1), p.getBoolean("with_replacement", false), p.getInt("seed", 0));
            }
            default -> throw new IllegalArgumentException("unknown re-weighting component '" + id + "' (known: S401, S402, S404, S406, S408)");
        };
    }
}
