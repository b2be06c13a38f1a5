package io.contrast4j.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON parser (RFC 8259): one value with optional surrounding whitespace (space, tab, LF, CR);
 * objects, arrays, strings with all escapes including surrogate pairs, numbers, true, false, null.
 *
 * <p>Refused with {@link JsonException} (message and character offset): trailing commas, comments, single
 * quotes, unescaped control characters in strings, invalid escapes, lone surrogate escapes, leading zeros,
 * "+1", ".5", "1.", NaN/Infinity, duplicate object keys, nesting deeper than {@value #MAX_DEPTH}, and any
 * text after the value.
 */
public final class JsonParser {

    /** Deepest nesting of arrays/objects accepted. */
    public static final int MAX_DEPTH = 128;

    private final String s;
    private int pos;

    private JsonParser(String s) {
        this.s = s;
    }

    /** Parses {@code text}, which must hold exactly one JSON value. */
    public static Json parse(String text) {
        if (text == null) {
            throw new JsonException("null input", 0);
        }
        JsonParser p = new JsonParser(text);
        p.skipWs();
        Json v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw new JsonException("unexpected text after the JSON value", p.pos);
        }
        return v;
    }

    private Json value(int depth) {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end of input, expected a JSON value", pos);
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new Json.Str(string());
            case 't' -> literal("true", new Json.Bool(true));
            case 'f' -> literal("false", new Json.Bool(false));
            case 'n' -> literal("null", Json.Null.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new JsonException("unexpected '" + printable(c) + "', expected a JSON value", pos);
            }
        };
    }

    private Json object(int depth) {
        checkDepth(depth);
        pos++; // {
        Map<String, Json> members = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return new Json.Obj(members);
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw new JsonException("expected a string key", pos);
            }
            int keyAt = pos;
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Json v = value(depth);
            if (members.put(key, v) != null) {
                throw new JsonException("duplicate key \"" + key + "\"", keyAt);
            }
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return new Json.Obj(members);
            } else {
                throw new JsonException("expected ',' or '}' in object", pos);
            }
        }
    }

    private Json array(int depth) {
        checkDepth(depth);
        pos++; // [
        List<Json> elements = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return new Json.Arr(elements);
        }
        while (true) {
            skipWs();
            elements.add(value(depth));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return new Json.Arr(elements);
            } else {
                throw new JsonException("expected ',' or ']' in array", pos);
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new JsonException("unterminated string", pos);
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonException("unescaped control character U+" + String.format("%04X", (int) c)
                        + " in string", pos);
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= s.length()) {
                throw new JsonException("unterminated escape", pos);
            }
            char e = s.charAt(pos + 1);
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
                    char u = hex4(pos + 2);
                    if (Character.isHighSurrogate(u)) {
                        if (pos + 7 < s.length() && s.charAt(pos + 6) == '\\' && s.charAt(pos + 7) == 'u') {
                            char lo = hex4(pos + 8);
                            if (!Character.isLowSurrogate(lo)) {
                                throw new JsonException("high surrogate escape not followed by a low surrogate", pos);
                            }
                            sb.append(u).append(lo);
                            pos += 6;
                        } else {
                            throw new JsonException("lone high surrogate escape", pos);
                        }
                    } else if (Character.isLowSurrogate(u)) {
                        throw new JsonException("lone low surrogate escape", pos);
                    } else {
                        sb.append(u);
                    }
                    pos += 4;
                }
                default -> throw new JsonException("invalid escape '\\" + printable(e) + "'", pos);
            }
            pos += 2;
        }
    }

    private char hex4(int at) {
        if (at + 4 > s.length()) {
            throw new JsonException("truncated \\u escape", at);
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                throw new JsonException("invalid hex digit in \\u escape", i);
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Json number() {
        int start = pos;
        int end = scanNumber(s, pos);
        if (end < 0) {
            throw new JsonException("malformed number", start);
        }
        pos = end;
        return new Json.Num(s.substring(start, end));
    }

    /** True when {@code t} is exactly one JSON number literal. */
    static boolean isNumber(String t) {
        return scanNumber(t, 0) == t.length();
    }

    /** End index of the number literal starting at {@code i}, or -1 if malformed. */
    private static int scanNumber(String t, int i) {
        int n = t.length();
        if (i < n && t.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        char c = t.charAt(i);
        if (c == '0') {
            i++;
            if (i < n && isDigit(t.charAt(i))) {
                return -1; // leading zero
            }
        } else if (c >= '1' && c <= '9') {
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
        } else {
            return -1;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            int d = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == d) {
                return -1;
            }
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int d = i;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == d) {
                return -1;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Json literal(String word, Json v) {
        if (!s.startsWith(word, pos)) {
            throw new JsonException("invalid literal, expected " + word, pos);
        }
        pos += word.length();
        return v;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new JsonException("expected '" + c + "'", pos);
        }
        pos++;
    }

    private char peek() {
        if (pos >= s.length()) {
            throw new JsonException("unexpected end of input", pos);
        }
        return s.charAt(pos);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
