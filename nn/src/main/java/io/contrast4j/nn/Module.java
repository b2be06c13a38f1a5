package io.contrast4j.nn;

import io.contrast4j.autograd.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or model: named parameters and sub-modules (hierarchical names such as {@code layers.0.weight}),
 * train/eval mode, and a forward pass. Parameters and children are registered explicitly in constructors
 * (no reflection): {@code weight = param("weight", ...)}, {@code fc = child("fc", new Linear(...))}.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /** The forward pass on a batch. */
    public abstract Tensor forward(Tensor x);

    /** Registers a trainable parameter (marks it requiresGrad). */
    protected final Tensor param(String name, Tensor t) {
        checkName(name);
        if (params.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        t.requiresGrad(true);
        params.put(name, t);
        return t;
    }

    /**
     * Registers a non-trainable state tensor (e.g. BatchNorm running statistics): saved with the model, never
     * handed to an optimizer. Update it in place with {@link Tensor#assign}.
     */
    protected final Tensor buffer(String name, Tensor t) {
        checkName(name);
        if (params.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        buffers.put(name, t);
        return t;
    }

    /** All buffers (non-trainable state), depth first, by hierarchical name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collectBuffers(prefix + k + ".", out));
    }

    /** This module and every descendant, depth first (this one first). */
    public final List<Module> modules() {
        List<Module> out = new ArrayList<>();
        out.add(this);
        for (Module m : children.values()) out.addAll(m.modules());
        return out;
    }

    /** Registers a sub-module. */
    protected final <M extends Module> M child(String name, M m) {
        checkName(name);
        if (params.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        children.put(name, m);
        return m;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("parameter/module name '" + name + "' must be non-empty and contain no '.'");
    }

    /** All parameters, depth first, by hierarchical name. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out));
    }

    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    public final long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) n += t.numel();
        return n;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Sets train (true) or eval (false) mode recursively; returns this. */
    public Module train(boolean on) {
        training = on;
        for (Module m : children.values()) m.train(on);
        return this;
    }

    public final Module eval() {
        return train(false);
    }

    public final void zeroGrad() {
        for (Tensor t : namedParameters().values()) t.zeroGrad();
    }

    /** One line describing this module's own configuration, e.g. {@code Linear(64 -> 128, bias)}. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    /** The module tree with parameter shapes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, "", "");
        return sb.toString();
    }

    private void print(StringBuilder sb, String indent, String name) {
        sb.append(indent).append(name.isEmpty() ? "" : name + ": ").append(describe());
        if (!params.isEmpty()) {
            sb.append("  {");
            boolean first = true;
            for (var e : params.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append(java.util.Arrays.toString(e.getValue().shape()));
                first = false;
            }
            sb.append('}');
        }
        sb.append('\n');
        children.forEach((k, m) -> m.print(sb, indent + "  ", k));
    }
}
