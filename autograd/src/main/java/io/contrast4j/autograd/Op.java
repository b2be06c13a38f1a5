package io.contrast4j.autograd;

/**
 * The primitive ops recorded on the tape. Each differentiable one carries a backward rule in {@link Tensor}; the
 * gradient-check suite must have a case for every constant here (so an op without a check fails the build).
 */
public enum Op {
    ABS("abs", true),
    ADD("add", true),
    AFFINE("affine", true),
    BROADCAST_TO("broadcastTo", true),
    CAST("cast", true),
    CLAMP("clamp", true),
    CONCAT("concat", true),
    DIV("div", true),
    EQ("eq", false),
    EXP("exp", true),
    GATHER("gather", true),
    GATHER_BACKWARD("gatherBackward", true),
    GE("ge", false),
    GELU("gelu", true),
    GT("gt", false),
    INDEX_SELECT("indexSelect", true),
    INDEX_SELECT_BACKWARD("indexSelectBackward", true),
    LE("le", false),
    LEAKY_RELU("leakyRelu", true),
    LOG("log", true),
    LOG1P("log1p", true),
    LT("lt", false),
    MATMUL("matmul", true),
    MAX("max", true),
    MAXIMUM("maximum", true),
    MIN("min", true),
    MINIMUM("minimum", true),
    MUL("mul", true),
    NEG("neg", true),
    PERMUTE("permute", true),
    POW("pow", true),
    RELU("relu", true),
    RESHAPE("reshape", true),
    SCALE_GRAD("scaleGrad", true),
    SCATTER_ADD("scatterAdd", true),
    SIGMOID("sigmoid", true),
    SIGN("sign", false),
    SLICE("slice", true),
    SLICE_BACKWARD("sliceBackward", true),
    SOFTPLUS("softplus", true),
    SQRT("sqrt", true),
    SUB("sub", true),
    SUM("sum", true),
    TANH("tanh", true),
    WHERE("where", true);

    private final String label;
    private final boolean differentiable;

    Op(String label, boolean differentiable) {
        this.label = label;
        this.differentiable = differentiable;
    }

    /** The op's name as it appears in errors and in {@link Tensor#op()}. */
    public String label() {
        return label;
    }

    public boolean differentiable() {
        return differentiable;
    }

    @Override
    public String toString() {
        return label;
    }
}
