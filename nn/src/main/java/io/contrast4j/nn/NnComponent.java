package io.contrast4j.nn;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/** A registry row's description of an nn module or encoder component (for {@code c4j list}). */
public record NnComponent(CatalogInfo info, Map<String, String> defaults, List<Input> inputs) implements Registered {
    public NnComponent {
        defaults = Map.copyOf(defaults);
        inputs = List.copyOf(inputs);
    }

    /** A plain module ({@code NN.*}, family "module", tier T1). */
    public static NnComponent module(String id, String name, String paper, String formula, Map<String, String> defaults, Input... inputs) {
        return new NnComponent(new CatalogInfo(id, name, "module", "T1", paper, formula), defaults, List.of(inputs));
    }
}
