package io.contrast4j.gpu;

import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.BackendProvider;

/**
 * Registers {@link OpenClBackend} with {@code io.contrast4j.autograd.backend.Backends} under the name {@code opencl}
 * (through {@code META-INF/services}). Where OpenCL cannot be used, {@link #unavailableReason()} says why (library
 * missing, no platform, no device) without throwing.
 */
public final class OpenClBackendProvider implements BackendProvider {
    public OpenClBackendProvider() {
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String unavailableReason() {
        try {
            return OpenCl.available().reason();
        } catch (RuntimeException | LinkageError e) {
            return "OpenCL discovery failed: " + e;
        }
    }

    @Override
    public Backend get() {
        return OpenClBackend.shared();
    }
}
