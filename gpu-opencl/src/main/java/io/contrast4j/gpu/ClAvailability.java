package io.contrast4j.gpu;

import java.util.List;
import java.util.Optional;

/**
 * The answer of {@link OpenCl#available()}: the bindings and the devices found, or why OpenCL
 * cannot be used here (library missing, no platform, no device).
 *
 * @param openCl  the bindings, null when unavailable
 * @param devices every device on every platform (empty when unavailable)
 * @param reason  null when available, otherwise a one-line reason
 */
public record ClAvailability(OpenCl openCl, List<ClDevice> devices, String reason) {
    public ClAvailability {
        devices = List.copyOf(devices);
    }

    static ClAvailability unavailable(String reason) {
        return new ClAvailability(null, List.of(), reason);
    }

    public boolean isAvailable() {
        return reason == null;
    }

    /** The reason OpenCL cannot be used, empty when it can. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(reason);
    }
}
