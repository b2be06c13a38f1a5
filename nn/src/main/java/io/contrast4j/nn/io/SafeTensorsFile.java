package io.contrast4j.nn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a safetensors file: tensors by name in the order of the file's header, and the
 * {@code __metadata__} string map (empty when the file has none). Both maps are unmodifiable.
 */
public record SafeTensorsFile(Map<String, NamedArray> tensors, Map<String, String> metadata) {

    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tensors, "tensors")));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
    }

    /** The tensor called {@code name}; a {@link CheckpointException} when absent. */
    public NamedArray get(String name) {
        NamedArray a = tensors.get(name);
        if (a == null) {
            throw new CheckpointException("no tensor named '" + name + "' (have " + tensors.keySet() + ")");
        }
        return a;
    }
}
