package io.contrast4j.autograd.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * String-keyed parameters (from the command line, a config file or code), read with defaults.
 * Every read names the parameter in its error, and {@link #checkKnown(Set)} refuses unknown names.
 */
public final class Params {
    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params empty() {
        return new Params(Map.of());
    }

    public static Params of(Map<String, ?> values) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, String.valueOf(v)));
        return new Params(m);
    }

    /** Parses {@code name=value} pairs. */
    public static Params parse(Iterable<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("parameter '" + p + "' is not of the form name=value");
            m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return new Params(m);
    }

    public Params with(String name, Object value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(name, String.valueOf(value));
        return new Params(m);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public double getDouble(String name, double def) {
        String v = values.get(name);
        if (v == null) return def;
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) throw new IllegalArgumentException("parameter '" + name + "' is NaN");
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }

    public int getInt(String name, int def) {
        String v = values.get(name);
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    public boolean getBoolean(String name, boolean def) {
        String v = values.get(name);
        if (v == null) return def;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got '" + v + "'");
    }

    public String getString(String name, String def) {
        return values.getOrDefault(name, def);
    }

    /** Positive-number read: refuses {@code <= 0} with a message naming the parameter. */
    public double getPositive(String name, double def) {
        double d = getDouble(name, def);
        if (!(d > 0) || Double.isInfinite(d)) throw new IllegalArgumentException("parameter '" + name + "' must be > 0, got " + d);
        return d;
    }

    /** Throws if a parameter is not among {@code known}, naming it and the known ones. */
    public void checkKnown(Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
