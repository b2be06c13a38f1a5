package io.contrast4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"a\" 1}|5|expected ':'",
            "[1,]|3|unexpected ']', expected a JSON value",
            "[1 2]|3|expected ',' or ']' in array",
            "{\"a\":1,}|7|expected a string key",
            "01|0|malformed number",
            "1.|0|malformed number",
            "+1|0|unexpected '+'",
            "\"abc|4|unterminated string",
            "\"a\\x\"|2|invalid escape '\\x'",
            "\"\\u12g4\"|5|invalid hex digit",
            "tru|0|expected true",
            "{\"a\":1,\"a\":2}|7|duplicate key \"a\"",
            "{} x|3|after the JSON value",
            "'a'|0|unexpected '''",
            "~\"a\tb\"~|2|control character U+0009",
            "~ ~|1|unexpected end of input",
    })
    void errorsNameProblemAndOffset(String text, int offset, String fragment) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text), text);
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
        assertEquals(e.problem() + " at offset " + offset, e.getMessage());
    }

    @Test
    void duplicateKeyIsRefusedEvenWithEqualValues() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"k\": 1, \"j\": 2, \"k\": 1}"));
        assertEquals("duplicate key \"k\"", e.problem());
        assertEquals(17, e.offset());
        assertEquals(2, ((Json.Obj) Json.parse("{\"k\": 1, \"K\": 1}")).members().size(), "keys are case-sensitive");
    }

    @Test
    void surrogatePairEscapeDecodesToOneCodePoint() {
        String s = ((Json.Str) Json.parse("\"\\ud83d\\ude00\"")).value();
        assertEquals(0x1F600, s.codePointAt(0));
        assertEquals(2, s.length());
        assertEquals("\u00e9\u20ac", ((Json.Str) Json.parse("\"\\u00e9\\u20AC\"")).value(), "upper and lower hex");
    }

    @Test
    void hostileNestingIsAnErrorNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(new String(open)));
        assertEquals("nesting deeper than " + JsonParser.MAX_DEPTH, e.problem());
        assertEquals(JsonParser.MAX_DEPTH, e.offset(), "the first bracket past the limit");
    }

    @Test
    void parsedValuesAreUnmodifiable() {
        Json.Obj o = (Json.Obj) Json.parse("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> o.members().put("b", Json.Null.INSTANCE));
        assertThrows(UnsupportedOperationException.class, () -> ((Json.Arr) o.get("a")).elements().add(Json.Num.of(2)));
        assertEquals(List.of(Json.Num.of(1)), ((Json.Arr) o.get("a")).elements());
    }
}
