package io.contrast4j.nn.components;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/**
 * Instruction / prompt prefixes (catalog E11, T1; sentence-transformers prompts, KaLM-V2 / E5-style instructions):
 * a task or role string is prepended before tokenisation (default template {@code "Instruct: {task}\nQuery: "});
 * with {@code includeInPooling = false} the prefix tokens still take part in attention but are excluded from
 * pooling (ST {@code include_prompt=False}): {@link #poolingMask} zeros their mask entries.
 */
public final class InstructionPrefix {
    public static final CatalogInfo INFO = new CatalogInfo("E11", "Instruction / prompt prefixes", "encoder", "T1",
            "sentence-transformers prompts; KaLM-V2 / LG-ANNA instructions",
            "text' = prefix(task) + text; optionally exclude prefix tokens from pooling");

    private final String template;
    private final boolean includeInPooling;

    public InstructionPrefix(String template, boolean includeInPooling) {
        if (!template.contains("{task}") && template.isEmpty()) throw new IllegalArgumentException("InstructionPrefix: empty template");
        this.template = template;
        this.includeInPooling = includeInPooling;
    }

    public static InstructionPrefix instruct() {
        return new InstructionPrefix("Instruct: {task}\nQuery: ", true);
    }

    /** The prefix for {@code task}. */
    public String prefix(String task) {
        return template.replace("{task}", task);
    }

    /** prefix(task) + text. */
    public String apply(String task, String text) {
        return prefix(task) + text;
    }

    public boolean includeInPooling() {
        return includeInPooling;
    }

    /**
     * The mask to pool with: {@code mask [B, T]} with the first {@code prefixLengths[b]} tokens of row b zeroed
     * when the prefix is excluded from pooling (unchanged otherwise).
     */
    public Tensor poolingMask(Tensor mask, int[] prefixLengths) {
        if (includeInPooling) return mask;
        int b = mask.dim(0), t = mask.dim(1);
        if (prefixLengths.length != b) throw new IllegalArgumentException("InstructionPrefix: " + prefixLengths.length + " prefix lengths for " + b + " rows");
        double[] m = mask.toDoubleArray();
        for (int i = 0; i < b; i++) {
            if (prefixLengths[i] < 0 || prefixLengths[i] > t) throw new IllegalArgumentException("InstructionPrefix: prefix length " + prefixLengths[i] + " of row " + i + " outside [0, " + t + "]");
            for (int j = 0; j < prefixLengths[i]; j++) m[i * t + j] = 0;
        }
        return Tensor.of(m, b, t).to(mask.dtype());
    }
}
