package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.DotProductSimilarity;
import io.contrast4j.losses.distances.LpDistance;

import java.util.Set;

/**
 * Builds a miner's {@link Distance} from parameters: {@code distance} = {@code lp} (D01), {@code cosine} (D02) or
 * {@code dot} (D03), with {@code p}, {@code power}, {@code normalize} as the distance takes them.
 */
public final class MinerDistances {
    /** Parameter names read by {@link #fromParams}. */
    public static final Set<String> NAMES = Set.of("distance", "p", "power", "normalize");

    private MinerDistances() {
    }

    public static Distance fromParams(String id, Params params, String def) {
        String name = params.getString("distance", def).toLowerCase(java.util.Locale.ROOT);
        return switch (name) {
            case "lp", "d01", "euclidean" -> new LpDistance(params.getDouble("p", 2), params.getBoolean("normalize", true), params.getDouble("power", 1));
            case "cosine", "d02" -> new CosineSimilarity(params.getDouble("power", 1));
            case "dot", "d03" -> new DotProductSimilarity(params.getBoolean("normalize", true));
            default -> throw new IllegalArgumentException(id + ": parameter 'distance' must be lp, cosine or dot, got '" + name + "'");
        };
    }
}
