package io.contrast4j.trainer.data;

import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.JsonException;

/**
 * The loaders' thin adapter over {@link Json} (the one JSON parser of the project, in nn): parses one
 * line and turns a {@link JsonException} into a {@link DataException} naming file, line and 1-based
 * column, e.g. {@code corpus.jsonl:3: column 17: expected ':'}; plus typed field access.
 */
final class JsonInput {
    private JsonInput() {
    }

    /** Parses {@code text} (one line of {@code source}); DataException with the column on malformed JSON. */
    static Json parse(String source, int line, String text) {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new DataException(source, line, "column " + (e.offset() + 1) + ": " + e.problem(), e);
        }
    }

    /** Parses {@code text} and requires a JSON object. */
    static Json.Obj parseObject(String source, int line, String text) {
        Json v = parse(source, line, text);
        if (v instanceof Json.Obj o) return o;
        throw new DataException(source, line, "expected a JSON object, got " + typeName(v));
    }

    /** The string member {@code key} of {@code object}, or null when absent; DataException when present but not a string. */
    static String optString(Json.Obj object, String key, String source, int line) {
        Json v = object.get(key);
        if (v == null) return null;
        if (v instanceof Json.Str s) return s.value();
        throw new DataException(source, line, "field \"" + key + "\" must be a string, got " + typeName(v));
    }

    /** The string member {@code key} of {@code object}; DataException when absent or not a string. */
    static String reqString(Json.Obj object, String key, String source, int line) {
        String v = optString(object, key, source, line);
        if (v == null) throw new DataException(source, line, "missing string field \"" + key + "\"");
        return v;
    }

    /** The value of an integer literal that fits in a long, else null (fractions, exponents, overflow, non-numbers). */
    static Long exactLong(Json v) {
        if (!(v instanceof Json.Num n) || !n.isIntegerLiteral()) return null;
        try {
            return n.longValueExact();
        } catch (ArithmeticException tooBig) {
            return null;
        }
    }

    /** A value for an error message: strings quoted, numbers as their long or double value, the rest as JSON. */
    static String describe(Json v) {
        if (v instanceof Json.Num n) {
            Long l = exactLong(n);
            return l != null ? Long.toString(l) : Double.toString(n.doubleValue());
        }
        return v instanceof Json.Str s ? "\"" + s.value() + "\"" : v.toJson();
    }

    /** "object", "array", "string", "number", "boolean" or "null". */
    static String typeName(Json v) {
        return switch (v) {
            case Json.Obj o -> "object";
            case Json.Arr a -> "array";
            case Json.Str s -> "string";
            case Json.Num n -> "number";
            case Json.Bool b -> "boolean";
            case Json.Null n -> "null";
        };
    }
}
