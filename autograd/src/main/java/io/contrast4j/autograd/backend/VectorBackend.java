package io.contrast4j.autograd.backend;

/** The Vector API backend (jdk.incubator.vector); kernels it does not override run the scalar reference loops. */
public final class VectorBackend extends ScalarBackend {
    public static final VectorBackend INSTANCE = new VectorBackend();

    private VectorBackend() {
    }

    @Override
    public String name() {
        return "vector";
    }
}
