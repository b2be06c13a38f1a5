package io.contrast4j.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal strict JSON parser (RFC 8259) for the loaders, so that no JSON library is needed.
 * Values map to: object -> {@code Map<String, Object>} (unmodifiable, insertion order, duplicate
 * keys refused), array -> {@code List<Object>} (unmodifiable), string -> String, number -> Long
 * when it has no fraction or exponent and fits in a long, else Double, true/false -> Boolean,
 * null -> Java null. Errors are {@link DataException}s whose problem starts with the 1-based
 * column, e.g. {@code corpus.jsonl:3: column 17: expected ':' after object key}.
 */
public final class Json {
    /** Maximum nesting of arrays and objects (protects the stack from hostile input). */
    public static final int MAX_DEPTH = 512;

    private final String source;
    private final int line;
    private final String s;
    private int pos;

    private Json(String source, int line, String text) {
        this.source = source;
        this.line = line;
        this.s = text;
    }

    /** Parses one JSON value that must span all of {@code text} (surrounding whitespace allowed). */
    public static Object parse(String source, int line, String text) {
        Json p = new Json(source, line, text);
        p.skipWs();
        if (p.pos >= text.length()) throw p.error("empty input, expected a JSON value");
        Object v = p.value(0);
        p.skipWs();
        if (p.pos < text.length()) throw p.error("unexpected '" + p.printable(p.s.charAt(p.pos)) + "' after the JSON value");
        return v;
    }

    /** {@link #parse(String, int, String)} with source "json" and line 1. */
    public static Object parse(String text) {
        return parse("json", 1, text);
    }

    private DataException error(String problem) {
        return new DataException(source, line, "column " + (pos + 1) + ": " + problem);
    }

    private String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
            else break;
        }
    }

    private Object value(int depth) {
        if (pos >= s.length()) throw error("unexpected end of input, expected a JSON value");
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected '" + printable(c) + "', expected a JSON value");
            }
        };
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) throw error("invalid literal, expected '" + word + "'");
        pos += word.length();
        return v;
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        pos++; // '{'
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected '\"' to start an object key");
            int keyPos = pos;
            String key = string();
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != ':') throw error("expected ':' after object key");
            pos++;
            skipWs();
            Object v = value(depth);
            if (m.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            m.put(key, v);
            skipWs();
            if (pos >= s.length()) throw error("unexpected end of input, expected ',' or '}'");
            char c = s.charAt(pos++);
            if (c == '}') return Collections.unmodifiableMap(m);
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object, got '" + printable(c) + "'");
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        pos++; // '['
        List<Object> a = new ArrayList<>();
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return Collections.unmodifiableList(a);
        }
        while (true) {
            skipWs();
            a.add(value(depth));
            skipWs();
            if (pos >= s.length()) throw error("unexpected end of input, expected ',' or ']'");
            char c = s.charAt(pos++);
            if (c == ']') return Collections.unmodifiableList(a);
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array, got '" + printable(c) + "'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos);
            if (c == '"') {
                String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                pos++;
                return out;
            }
            if (c < 0x20) throw error("control character " + printable(c) + " in string (must be escaped)");
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) sb = new StringBuilder();
            sb.append(s, start, pos);
            pos++;
            if (pos >= s.length()) throw error("unterminated escape sequence");
            char e = s.charAt(pos);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 5 > s.length()) throw error("truncated \\u escape");
                    int cp = 0;
                    for (int k = 1; k <= 4; k++) {
                        int d = Character.digit(s.charAt(pos + k), 16);
                        if (d < 0 || s.charAt(pos + k) > 'f') {
                            pos += k;
                            throw error("invalid hex digit in \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                    pos += 4;
                }
                default -> throw error("invalid escape '\\" + printable(e) + "'");
            }
            pos++;
            start = pos;
        }
    }

    private Object number() {
        int start = pos;
        if (s.charAt(pos) == '-') pos++;
        if (pos >= s.length()) throw error("expected a digit");
        char c = s.charAt(pos);
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (pos < s.length() && s.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("expected a digit after '.'");
            while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("expected a digit in exponent");
            while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
        }
        String t = s.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException tooBig) {
                // falls through to double
            }
        }
        return Double.parseDouble(t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The string member {@code key} of {@code object}, or null when absent; DataException when present but not a string. */
    static String optString(Map<String, Object> object, String key, String source, int line) {
        if (!object.containsKey(key)) return null;
        Object v = object.get(key);
        if (v instanceof String str) return str;
        throw new DataException(source, line, "field \"" + key + "\" must be a string, got " + typeName(v));
    }

    /** The string member {@code key} of {@code object}; DataException when absent or not a string. */
    static String reqString(Map<String, Object> object, String key, String source, int line) {
        String v = optString(object, key, source, line);
        if (v == null) throw new DataException(source, line, "missing string field \"" + key + "\"");
        return v;
    }

    /** Parses {@code text} and requires a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String source, int line, String text) {
        Object v = parse(source, line, text);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new DataException(source, line, "expected a JSON object, got " + typeName(v));
    }

    /** "object", "array", "string", "number", "boolean" or "null". */
    public static String typeName(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "object";
        if (v instanceof List) return "array";
        if (v instanceof String) return "string";
        if (v instanceof Number) return "number";
        if (v instanceof Boolean) return "boolean";
        return v.getClass().getSimpleName();
    }
}
