package io.contrast4j.losses;

import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.losses.metric.MetricLosses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every loss of the catalog, by ID; the single source for {@code c4j list}, {@code c4j loss} and the gradient-check suite. */
public final class LossRegistry {
    private LossRegistry() {
    }

    public static List<LossEntry> all() {
        List<LossEntry> all = new ArrayList<>();
        all.addAll(MetricLosses.entries());
        all.addAll(io.contrast4j.losses.contrastive.ContrastiveLosses.entries());
        all.addAll(io.contrast4j.losses.ranking.RankingLosses.entries());
        all.addAll(io.contrast4j.losses.classification.ClassificationLosses.entries());
        all.addAll(io.contrast4j.losses.proxy.ProxyLosses.entries());
        all.addAll(io.contrast4j.losses.regularizers.RegularizerLosses.entries());
        return all;
    }

    /** Entries of distances, reducers and losses for listing and gradient checks. */
    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (LossEntry e : all()) out.add(e.toEntry());
        out.addAll(io.contrast4j.losses.distances.Distances.all());
        out.addAll(io.contrast4j.losses.reducers.Reducers.all());
        return out;
    }

    public static Map<String, LossEntry> byId() {
        Map<String, LossEntry> m = new LinkedHashMap<>();
        for (LossEntry e : all()) {
            if (m.put(e.id(), e) != null) throw new IllegalStateException("loss " + e.id() + " registered twice");
        }
        return m;
    }

    /** By catalog ID or (case-insensitive) name; an unknown one is an error listing how to find the known ones. */
    public static LossEntry find(String idOrName) {
        Map<String, LossEntry> m = byId();
        LossEntry e = m.get(idOrName.toUpperCase(java.util.Locale.ROOT));
        if (e != null) return e;
        for (LossEntry x : m.values()) {
            String name = x.info().name();
            if (name.equalsIgnoreCase(idOrName) || name.replaceAll("[^A-Za-z0-9]", "").equalsIgnoreCase(idOrName.replaceAll("[^A-Za-z0-9]", ""))) return x;
        }
        throw new IllegalArgumentException("unknown loss '" + idOrName + "' (see 'c4j list losses')");
    }
}
