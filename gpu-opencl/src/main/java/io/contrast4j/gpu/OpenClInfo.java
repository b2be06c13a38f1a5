package io.contrast4j.gpu;

import java.util.Locale;

/** Human-readable OpenCL inventory for {@code c4j info}. */
public final class OpenClInfo {
    private OpenClInfo() {
    }

    /**
     * One line per device (index, name, type, platform, compute units, global memory, largest allocation, fp64,
     * 64-bit atomics) under a header, or one line with the reason OpenCL is unavailable. Never throws.
     */
    public static String describe() {
        ClAvailability a;
        try {
            a = OpenCl.available();
        } catch (RuntimeException | LinkageError e) {
            return "OpenCL: unavailable (discovery failed: " + e + ")";
        }
        if (!a.isAvailable()) {
            return "OpenCL: unavailable (" + a.reason() + ")";
        }
        StringBuilder sb = new StringBuilder("OpenCL: ").append(a.devices().size()).append(" device(s)");
        ClDevice chosen = null;
        try {
            chosen = ClDevice.select(a.devices());
        } catch (IllegalArgumentException e) {
            sb.append(" (device selection: ").append(e.getMessage()).append(')');
        }
        for (ClDevice d : a.devices()) {
            sb.append(String.format(Locale.ROOT,
                    "%n  %s#%d %s [%s] platform '%s', %s, %d compute units, %d MiB global memory, max allocation %d MiB, fp64 %s, int64 atomics %s",
                    d.equals(chosen) ? "*" : " ", d.index(), d.name(), d.typeName(), d.platformName(), d.version(),
                    d.computeUnits(), d.globalMemBytes() >> 20, d.maxAllocBytes() >> 20, d.fp64() ? "yes" : "no",
                    d.int64Atomics() ? "yes" : "no"));
        }
        if (chosen != null) {
            sb.append(String.format(Locale.ROOT, "%n  (* = default device; choose with -D%s=<index or name>)", ClDevice.PROPERTY));
        }
        return sb.toString();
    }
}
