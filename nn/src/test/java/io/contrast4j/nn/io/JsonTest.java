package io.contrast4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesAllValueKinds() {
        Json v = Json.parse(" {\"a\": [1, -2.5e3, 0, true, false, null], \"b\": {\"c\": \"x\"}, \"e\": {}, \"f\": []}\n");
        Json.Obj o = (Json.Obj) v;
        assertEquals(List.of("a", "b", "e", "f"), List.copyOf(o.members().keySet()));
        Json.Arr a = (Json.Arr) o.get("a");
        assertEquals(1L, ((Json.Num) a.elements().get(0)).longValueExact());
        assertEquals(-2500.0, ((Json.Num) a.elements().get(1)).doubleValue());
        assertEquals(new Json.Bool(true), a.elements().get(3));
        assertEquals(Json.Null.INSTANCE, a.elements().get(5));
        assertEquals(new Json.Str("x"), ((Json.Obj) o.get("b")).get("c"));
        assertEquals(new Json.Obj(Map.of()), o.get("e"));
    }

    @Test
    void stringEscapesAndUnicode() {
        Json.Str s = (Json.Str) Json.parse("\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\fu\\u00e9\\ud83d\\ude00é中\"");
        assertEquals("q\"b\\s/n\nt\tr\rb\bf\fué😀é中", s.value());
        assertEquals(s, Json.parse(s.toJson()));
        assertEquals("\"a\\u0001\\n\\\"😀\"", new Json.Str("a\u0001\n\"😀").toJson());
        assertThrows(IllegalArgumentException.class, () -> new Json.Str("\uD800x").toJson());
    }

    @Test
    void largeIntegersAreExact() {
        Json.Num n = (Json.Num) Json.parse("9007199254740993");
        assertEquals(9007199254740993L, n.longValueExact());
        assertThrows(ArithmeticException.class, () -> ((Json.Num) Json.parse("1.5")).longValueExact());
        assertThrows(ArithmeticException.class, () -> ((Json.Num) Json.parse("99999999999999999999")).longValueExact());
    }

    @Test
    void writerRoundTrip() {
        String text = "{\"k\":[1,2.5,\"s\",true,null,{\"n\":[]}],\"z\":-0}";
        assertEquals(text, Json.parse(text).toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "[1 2]", "01", "+1", ".5",
            "1.", "1e", "-", "NaN", "Infinity", "tru", "nul", "\"abc", "\"a\u0001\"", "\"\\x\"", "\"\\u12g4\"",
            "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "{\"a\":1,\"a\":2}", "[1] x", "// c\n1",
            "{\"a\":1}}", "\"\\u١٢٣٤\""})
    void refusesMalformedText(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text), text);
        assertTrue(e.getMessage().contains("at offset"), e.getMessage());
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(deep));
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        assertEquals(ok, Json.parse(ok).toJson());
    }
}
