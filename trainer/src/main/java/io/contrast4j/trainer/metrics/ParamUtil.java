package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter plumbing shared by the metric classes. */
final class ParamUtil {
    private ParamUtil() {
    }

    /** An ordered, unmodifiable map from alternating name, value strings. */
    static Map<String, String> defaults(String... kv) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** Refuses unknown names and fills in defaults. */
    static Params resolve(Params given, Map<String, String> defaults) {
        Params p = given == null ? Params.empty() : given;
        p.checkKnown(defaults.keySet());
        Params out = Params.of(defaults);
        for (Map.Entry<String, String> e : p.asMap().entrySet()) out = out.with(e.getKey(), e.getValue());
        return out;
    }

    /** Comma-separated positive integers, sorted and de-duplicated, e.g. {@code "1,3,5,10"}. */
    static int[] intList(Params p, String name) {
        String s = p.getString(name, "");
        if (s.isBlank()) throw new IllegalArgumentException("parameter '" + name + "' is empty");
        try {
            int[] v = Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().distinct().toArray();
            for (int x : v) if (x <= 0) throw new IllegalArgumentException("parameter '" + name + "' must list positive integers, got '" + s + "'");
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be comma-separated integers, got '" + s + "'");
        }
    }

    static String choice(Params p, String name, String... allowed) {
        String v = p.getString(name, allowed[0]);
        for (String a : allowed) if (a.equalsIgnoreCase(v)) return a;
        throw new IllegalArgumentException("parameter '" + name + "' must be one of " + String.join(", ", allowed) + "; got '" + v + "'");
    }

    static int positiveInt(Params p, String name) {
        int v = p.getInt(name, 1);
        if (v <= 0) throw new IllegalArgumentException("parameter '" + name + "' must be > 0, got " + v);
        return v;
    }

    static double nonNegative(Params p, String name) {
        double v = p.getDouble(name, 0);
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("parameter '" + name + "' must be >= 0, got " + v);
        return v;
    }
}
