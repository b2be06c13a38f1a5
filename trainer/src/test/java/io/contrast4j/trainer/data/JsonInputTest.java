package io.contrast4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The loaders' adapter over nn's {@link Json}: file, line and 1-based column in every JSON error. */
class JsonInputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"a\" 1}|6|expected ':'",
            "[1,]|4|expected a JSON value",
            "[1 2]|4|expected ',' or ']'",
            "+1|1|unexpected '+'",
            "\"abc|5|unterminated string",
            "\"\\u12g4\"|6|invalid hex digit",
            "{\"a\":1,\"a\":2}|8|duplicate key",
            "{} x|4|after the JSON value",
            "'a'|1|unexpected '''",
    })
    void syntaxErrorsNameFileLineAndColumn(String text, int column, String fragment) {
        DataException e = assertThrows(DataException.class, () -> JsonInput.parse("f.jsonl", 3, text));
        assertEquals("f.jsonl", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("f.jsonl:3: column " + column + ": "), e.getMessage());
        assertTrue(e.problem().contains(fragment), e.getMessage());
        assertTrue(e.getCause() instanceof JsonException, "cause kept");
        assertEquals(column - 1, ((JsonException) e.getCause()).offset());
    }

    @Test
    void objectsAndTypedFields() {
        Json.Obj o = JsonInput.parseObject("f", 1, "{\"s\": \"x\", \"n\": 2, \"z\": null}");
        assertEquals("x", JsonInput.reqString(o, "s", "f", 1));
        assertNull(JsonInput.optString(o, "missing", "f", 1));
        assertEquals("f:1: field \"n\" must be a string, got number",
                assertThrows(DataException.class, () -> JsonInput.optString(o, "n", "f", 1)).getMessage());
        assertEquals("field \"z\" must be a string, got null",
                assertThrows(DataException.class, () -> JsonInput.reqString(o, "z", "f", 1)).problem());
        assertEquals("missing string field \"q\"",
                assertThrows(DataException.class, () -> JsonInput.reqString(o, "q", "f", 1)).problem());
        assertEquals("f:2: expected a JSON object, got array",
                assertThrows(DataException.class, () -> JsonInput.parseObject("f", 2, "[1]")).getMessage());
    }

    @Test
    void numbersAndDescriptions() {
        assertEquals(9223372036854775807L, JsonInput.exactLong(Json.parse("9223372036854775807")));
        assertNull(JsonInput.exactLong(Json.parse("9223372036854775808")), "beyond long");
        assertEquals(0L, JsonInput.exactLong(Json.parse("-0")));
        assertNull(JsonInput.exactLong(Json.parse("1.0")), "a fraction is not an integer literal");
        assertNull(JsonInput.exactLong(Json.parse("\"1\"")));
        assertEquals("1.5", JsonInput.describe(Json.parse("1.5")));
        assertEquals("Infinity", JsonInput.describe(Json.parse("1e999")));
        assertEquals("-3", JsonInput.describe(Json.parse("-3")));
        assertEquals("\"cat\"", JsonInput.describe(Json.parse("\"cat\"")));
        assertEquals("null", JsonInput.describe(Json.parse("null")));
        assertEquals("array", JsonInput.typeName(Json.parse("[]")));
        assertEquals("object", JsonInput.typeName(Json.parse("{}")));
        assertEquals("boolean", JsonInput.typeName(Json.parse("true")));
    }
}
