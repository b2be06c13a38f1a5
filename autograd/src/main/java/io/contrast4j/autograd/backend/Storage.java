package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;

/** A flat buffer of elements owned by a backend: host arrays for the CPU backends, device buffers for OpenCL. */
public interface Storage {
    DType dtype();

    int size();

    /** The backend whose kernels can read this storage directly. CPU backends share {@link HostStorage}. */
    boolean isHost();

    /** The backend that owns a device buffer; {@code null} for host memory. */
    default Backend owner() {
        return null;
    }
}
