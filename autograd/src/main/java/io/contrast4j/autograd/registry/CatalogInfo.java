package io.contrast4j.autograd.registry;

import java.util.Objects;

/**
 * What every registered component says about itself: its stable catalog ID (see {@code CATALOG.md}),
 * display name, tier, the paper or library it comes from, and its formula in one line.
 *
 * @param id      catalog ID such as {@code L011}, {@code S104}, {@code M03}
 * @param name    human-readable name, e.g. "Multi-Similarity loss"
 * @param family  catalog section or family, e.g. "metric-learning", "contrastive", "miner"
 * @param tier    {@code T1}, {@code T2} or {@code T3}
 * @param paper   the paper (and reference library class) the implementation follows
 * @param formula the formula in one line, as in the Javadoc
 */
public record CatalogInfo(String id, String name, String family, String tier, String paper, String formula) {
    public CatalogInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!id.matches("(L\\d{3}|D\\d{2}|R\\d{2}|S\\d{3}|E\\d{2}|M\\d{2}|O\\d{2}|OP\\.[a-zA-Z0-9_]+|NN\\.[a-zA-Z0-9_]+)")) {
            throw new IllegalArgumentException("not a catalog ID: '" + id + "'");
        }
    }

    /** The kind of component, derived from the ID's prefix and number block (CATALOG.md §0.1). */
    public Kind kind() {
        return Kind.ofId(id);
    }
}
