package io.contrast4j.trainer;

import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.OpCatalog;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.losses.LossRegistry;

import java.util.ArrayList;
import java.util.List;

/** Every registered component of every module, for {@code c4j list} and {@code c4j gradcheck}. */
public final class Catalog {
    private Catalog() {
    }

    /** Registered components (losses, distances, reducers, modules, samplers, miners, metrics, optimizers). */
    public static List<Entry> components() {
        List<Entry> all = new ArrayList<>();
        all.addAll(LossRegistry.entries());
        all.addAll(io.contrast4j.nn.NnRegistry.entries());
        all.addAll(io.contrast4j.nn.optim.OptimRegistry.entries());
        all.addAll(io.contrast4j.samplers.SamplerRegistry.entries());
        all.add(io.contrast4j.trainer.schemes.PmlSchemes.ENTRY);
        for (var m : io.contrast4j.trainer.metrics.Metrics.all()) all.add(new Entry(m, List.of()));
        return all;
    }

    public static List<Entry> ofKind(Kind kind) {
        return components().stream().filter(e -> e.info().kind() == kind).toList();
    }

    /** Every gradient-check case: the primitive ops first, then each component's cases. */
    public static List<GradCase> gradCases() {
        List<GradCase> all = new ArrayList<>(OpCatalog.cases());
        for (Entry e : components()) all.addAll(e.checks());
        return all;
    }
}
