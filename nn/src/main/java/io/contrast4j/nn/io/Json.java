package io.contrast4j.nn.io;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value (RFC 8259), as read by {@link JsonParser} and written by {@link JsonWriter}.
 *
 * <p>Objects keep their member order; numbers keep their literal text so that integers beyond 2^53 (e.g.
 * byte offsets) are exact.
 */
public sealed interface Json permits Json.Obj, Json.Arr, Json.Str, Json.Num, Json.Bool, Json.Null {

    /** Parses strict JSON (see {@link JsonParser}). */
    static Json parse(String text) {
        return JsonParser.parse(text);
    }

    /** Compact JSON text of this value. */
    default String toJson() {
        return JsonWriter.write(this);
    }

    /** A JSON object; member order is kept, keys are unique. */
    record Obj(Map<String, Json> members) implements Json {
        public Obj {
            Objects.requireNonNull(members, "members");
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Json get(String key) {
            return members.get(key);
        }
    }

    /** A JSON array. */
    record Arr(List<Json> elements) implements Json {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    /** A JSON string. */
    record Str(String value) implements Json {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON number, held as its literal text (which must match the JSON number grammar). */
    record Num(String text) implements Json {
        public Num {
            Objects.requireNonNull(text, "text");
            if (!JsonParser.isNumber(text)) {
                throw new IllegalArgumentException("not a JSON number: \"" + text + "\"");
            }
        }

        public static Num of(long v) {
            return new Num(Long.toString(v));
        }

        /** A finite double; NaN and infinities have no JSON form and are refused. */
        public static Num of(double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("JSON has no representation for " + v);
            }
            return new Num(Double.toString(v).replace("E", "e"));
        }

        /** The value as a long, or an {@link ArithmeticException} if it has a fraction or is out of range. */
        public long longValueExact() {
            return new BigDecimal(text).longValueExact();
        }

        public double doubleValue() {
            return Double.parseDouble(text);
        }

        /** True when the literal is an integer (no fraction, no exponent). */
        public boolean isIntegerLiteral() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }
    }

    /** JSON true / false. */
    record Bool(boolean value) implements Json {
    }

    /** JSON null. */
    record Null() implements Json {
        public static final Null INSTANCE = new Null();
    }
}
