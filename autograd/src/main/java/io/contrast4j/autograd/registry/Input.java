package io.contrast4j.autograd.registry;

/**
 * A declared input of a registered component.
 *
 * @param name     input name as used in JSON cases and {@code Map<String, Tensor>} calls, e.g. {@code embeddings}
 * @param type     {@link Type#FLOAT} (differentiable) or {@link Type#INT} (labels, indices)
 * @param shape    symbolic shape, e.g. {@code "N x D"}, {@code "N"}, {@code "B x K x D"}
 * @param optional whether the component works without it
 * @param doc      one line on what it is
 */
public record Input(String name, Type type, String shape, boolean optional, String doc) {
    public enum Type { FLOAT, INT }

    public static Input floats(String name, String shape, String doc) {
        return new Input(name, Type.FLOAT, shape, false, doc);
    }

    public static Input ints(String name, String shape, String doc) {
        return new Input(name, Type.INT, shape, false, doc);
    }

    public Input asOptional() {
        return new Input(name, type, shape, true, doc);
    }

    /** Number of dimensions the symbolic shape declares ({@code "N x D"} has 2; {@code "scalar"} has 0). */
    public int rank() {
        String s = shape.trim();
        if (s.isEmpty() || s.equals("scalar")) return 0;
        return s.split("x").length;
    }
}
