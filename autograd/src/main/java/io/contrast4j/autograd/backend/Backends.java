package io.contrast4j.autograd.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Backend selection: per thread ({@link #use}), else the system property {@code c4j.backend}
 * ({@code scalar}, {@code vector}, or one found by {@link ServiceLoader} such as {@code opencl}), else {@code vector}.
 */
public final class Backends {
    private static final Map<String, Backend> KNOWN = new LinkedHashMap<>();
    private static final Map<String, String> UNAVAILABLE = new LinkedHashMap<>();
    private static final ThreadLocal<Backend> CURRENT = new ThreadLocal<>();
    private static volatile Backend defaultBackend;

    static {
        KNOWN.put("scalar", ScalarBackend.INSTANCE);
        KNOWN.put("vector", VectorBackend.INSTANCE);
        for (ServiceLoader.Provider<BackendProvider> p : ServiceLoader.load(BackendProvider.class).stream().toList()) {
            BackendProvider provider;
            try {
                provider = p.get();
            } catch (RuntimeException | java.util.ServiceConfigurationError e) {
                continue;
            }
            String why = provider.unavailableReason();
            if (why == null) KNOWN.put(provider.name(), provider.get());
            else UNAVAILABLE.put(provider.name(), why);
        }
    }

    private Backends() {
    }

    /** The backend ops on this thread run on. */
    public static Backend current() {
        Backend b = CURRENT.get();
        if (b != null) return b;
        Backend d = defaultBackend;
        if (d == null) {
            d = byName(System.getProperty("c4j.backend", "vector"));
            defaultBackend = d;
        }
        return d;
    }

    /** A backend by name, or an error listing the known ones and why unavailable ones are unavailable. */
    public static Backend byName(String name) {
        Backend b = KNOWN.get(name);
        if (b != null) return b;
        if (UNAVAILABLE.containsKey(name)) {
            throw new IllegalArgumentException("backend '" + name + "' is unavailable: " + UNAVAILABLE.get(name));
        }
        throw new IllegalArgumentException("unknown backend '" + name + "' (known: " + String.join(", ", KNOWN.keySet()) + ")");
    }

    public static List<String> available() {
        return new ArrayList<>(KNOWN.keySet());
    }

    /** Backends found but not usable here, with the reason. */
    public static Map<String, String> unavailable() {
        return Map.copyOf(UNAVAILABLE);
    }

    /** Runs ops of this thread on {@code backend} until the returned scope is closed. */
    public static Scope use(Backend backend) {
        Backend prev = CURRENT.get();
        CURRENT.set(backend);
        return () -> CURRENT.set(prev);
    }

    public static Scope use(String name) {
        return use(byName(name));
    }

    /** A try-with-resources scope that restores the previous backend. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
