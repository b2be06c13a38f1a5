package io.contrast4j.nn.io;

import java.util.Iterator;
import java.util.Map;

/**
 * Compact JSON writer: no whitespace, object members in their order, strings escaped minimally
 * ({@code \" \\ \b \f \n \r \t}, other control characters as {@code \}{@code u00XX}; everything else written
 * as is, to be encoded as UTF-8). A string holding an unpaired surrogate has no UTF-8 form and is refused.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    public static String write(Json value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    public static void write(Json value, StringBuilder out) {
        switch (value) {
            case Json.Obj o -> {
                out.append('{');
                Iterator<Map.Entry<String, Json>> it = o.members().entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, Json> e = it.next();
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                    if (it.hasNext()) {
                        out.append(',');
                    }
                }
                out.append('}');
            }
            case Json.Arr a -> {
                out.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.elements().get(i), out);
                }
                out.append(']');
            }
            case Json.Str s -> string(s.value(), out);
            case Json.Num n -> out.append(n.text());
            case Json.Bool b -> out.append(b.value());
            case Json.Null ignored -> out.append("null");
        }
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    public static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
