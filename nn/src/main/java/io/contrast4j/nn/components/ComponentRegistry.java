package io.contrast4j.nn.components;

import io.contrast4j.autograd.registry.Entry;

import java.util.ArrayList;
import java.util.List;

/** Registry rows of the encoder components in this package (catalog section (k) beyond E01-E04). */
public final class ComponentRegistry {
    private ComponentRegistry() {
    }

    public static List<Entry> entries() {
        List<Entry> c = new ArrayList<>();
        return c;
    }
}
