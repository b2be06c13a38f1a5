package io.contrast4j.nn.layers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A numbered list of sub-modules ({@code 0, 1, ...}) that the owner calls itself; it has no forward of its own. */
public final class ModuleList<M extends Module> extends Module {
    private final List<M> items = new ArrayList<>();

    public ModuleList<M> add(M m) {
        items.add(child(Integer.toString(items.size()), m));
        return this;
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<M> asList() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("ModuleList has no forward: call its items");
    }
}
