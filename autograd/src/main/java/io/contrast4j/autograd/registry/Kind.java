package io.contrast4j.autograd.registry;

/** Kinds of registered components; derived from the catalog ID blocks of {@code CATALOG.md} §0.1. */
public enum Kind {
    OP("ops"), MODULE("modules"), LOSS("losses"), DISTANCE("distances"), REDUCER("reducers"),
    SAMPLER("samplers"), MINER("miners"), CORPUS_MINING("corpus-mining"), MIXING("mixing"),
    REWEIGHTING("reweighting"), ENCODER("encoders"), METRIC("metrics"), OPTIMIZER("optimizers");

    private final String plural;

    Kind(String plural) {
        this.plural = plural;
    }

    /** The word used on the command line, e.g. {@code c4j list losses}. */
    public String plural() {
        return plural;
    }

    public static Kind ofId(String id) {
        if (id.startsWith("OP.")) return OP;
        if (id.startsWith("NN.")) return MODULE;
        char p = id.charAt(0);
        int n = Integer.parseInt(id.substring(1));
        return switch (p) {
            case 'L' -> LOSS;
            case 'D' -> DISTANCE;
            case 'R' -> REDUCER;
            case 'E' -> ENCODER;
            case 'M' -> METRIC;
            case 'O' -> OPTIMIZER;
            case 'S' -> n < 100 ? SAMPLER : n < 200 ? MINER : n < 300 ? CORPUS_MINING : n < 400 ? MIXING : REWEIGHTING;
            default -> throw new IllegalArgumentException("not a catalog ID: " + id);
        };
    }

    public static Kind ofPlural(String word) {
        for (Kind k : values()) if (k.plural.equals(word) || k.name().equalsIgnoreCase(word)) return k;
        throw new IllegalArgumentException("unknown kind '" + word + "'");
    }
}
