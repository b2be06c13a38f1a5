package io.contrast4j.autograd.backend;

/** Service interface through which optional backends (OpenCL) register with {@link Backends}. */
public interface BackendProvider {
    String name();

    /** {@code null} when usable here, else why not (no library, no platform, ...). */
    String unavailableReason();

    Backend get();
}
