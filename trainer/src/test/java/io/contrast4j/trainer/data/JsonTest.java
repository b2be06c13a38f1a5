package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @Test
    void parsesAllValueKinds() {
        Object v = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null], \"b\": {\"c\": \"x\"}, \"d\": [] , \"e\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b", "d", "e"), List.copyOf(m.keySet()), "insertion order");
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2.5, a.get(1));
        assertEquals(300.0, a.get(2));
        assertEquals(Boolean.TRUE, a.get(3));
        assertEquals(Boolean.FALSE, a.get(4));
        assertNull(a.get(5));
        assertEquals(Map.of("c", "x"), m.get("b"));
        assertEquals(List.of(), m.get("d"));
        assertEquals(Map.of(), m.get("e"));
    }

    @Test
    void stringEscapes() {
        assertEquals("a\"b\\c/d\b\f\n\r\t", Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""));
        assertEquals("\u00e9\u20ac", Json.parse("\"\\u00e9\\u20AC\""));
        // surrogate pair for U+1F600
        assertEquals(new String(Character.toChars(0x1F600)), Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("caf\u00e9", Json.parse("\"caf\u00e9\""), "raw non-ASCII passes through");
    }

    @Test
    void largeIntegerBecomesDouble() {
        assertEquals(9223372036854775807L, Json.parse("9223372036854775807"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(-0.0, Json.parse("-0.0"));
        assertEquals(0L, Json.parse("-0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"a\" 1}|6|expected ':'",
            "[1,]|4|expected a JSON value",
            "[1 2]|4|expected ',' or ']'",
            "{\"a\":1,}|8|expected '\"'",
            "01|2|after the JSON value",
            "1.|3|digit after '.'",
            "1e|3|digit in exponent",
            "-|2|expected a digit",
            "+1|1|unexpected '+'",
            "\"abc|5|unterminated string",
            "\"a\\x\"|4|invalid escape",
            "\"\\u12g4\"|6|invalid hex digit",
            "tru|1|expected 'true'",
            "NaN|1|unexpected 'N'",
            "{\"a\":1,\"a\":2}|8|duplicate key",
            "{} x|4|after the JSON value",
            "'a'|1|unexpected '''",
    })
    void syntaxErrorsNameTheColumn(String text, int column, String fragment) {
        DataException e = assertThrows(DataException.class, () -> Json.parse("f.jsonl", 3, text));
        assertEquals("f.jsonl", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("f.jsonl:3: column " + column + ": "), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
    }

    @Test
    void emptyAndControlCharacters() {
        assertTrue(assertThrows(DataException.class, () -> Json.parse("   ")).getMessage().contains("empty input"));
        DataException e = assertThrows(DataException.class, () -> Json.parse("\"a\tb\""));
        assertTrue(e.getMessage().contains("control character \\u0009"), e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        DataException e = assertThrows(DataException.class, () -> Json.parse(new String(open)));
        assertTrue(e.getMessage().contains("nesting deeper than " + Json.MAX_DEPTH), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertTrue(Json.parse(ok) instanceof List);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultIsUnmodifiable() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) m).put("b", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) m.get("a")).add(2));
        assertEquals(new LinkedHashMap<>(Map.of("a", List.of(1L))), m);
    }

    @Test
    void typeNames() {
        assertEquals("null", Json.typeName(null));
        assertEquals("array", Json.typeName(List.of()));
        assertEquals("number", Json.typeName(1L));
    }
}
