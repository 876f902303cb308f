package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A JSON member is read as the type the API declares or refused (400, naming the field), never coerced. */
class JsonValuesTest {

    @Test
    void absent_members_are_null_whatever_the_type() {
        assertNull(JsonValues.text("reason", null));
        assertNull(JsonValues.number("confidence", null));
        assertNull(JsonValues.integer("version", null));
        assertNull(JsonValues.texts("tags", null));
        assertNull(JsonValues.object("metadata", null));
    }

    @Test
    void values_of_the_declared_type_pass_unchanged() {
        assertEquals("a person please", JsonValues.text("reason", "a person please"));
        assertEquals(0.5, JsonValues.number("confidence", 0.5));
        assertEquals(3L, JsonValues.integer("version", 3));
        assertEquals(3L, JsonValues.integer("version", 3.0));
        assertEquals(3L, JsonValues.integer("version", new BigDecimal("3.00")));
        assertEquals(List.of("billing"), JsonValues.texts("tags", List.of("billing")));
        assertEquals(Map.of("k", 1), JsonValues.object("metadata", Map.of("k", 1)));
    }

    @Test
    void a_value_of_another_type_is_malformed_and_names_the_field() {
        MalformedRequestException wrong = assertThrows(MalformedRequestException.class, () -> JsonValues.text("reason", 42));
        assertEquals(new FieldError("reason", "must be a string"), wrong.error());
        assertThrows(MalformedRequestException.class, () -> JsonValues.text("to", List.of("X")));
        assertThrows(MalformedRequestException.class, () -> JsonValues.number("confidence", "0.5"));
        assertThrows(MalformedRequestException.class, () -> JsonValues.number("rating", true));
        assertThrows(MalformedRequestException.class, () -> JsonValues.integer("version", "1"));
        assertThrows(MalformedRequestException.class, () -> JsonValues.integer("version", 2.7));
        assertThrows(MalformedRequestException.class, () -> JsonValues.integer("version", new BigInteger("99999999999999999999")));
        assertThrows(MalformedRequestException.class, () -> JsonValues.texts("tags", "billing"));
        assertThrows(MalformedRequestException.class, () -> JsonValues.texts("tags", List.of(1)));
        assertThrows(MalformedRequestException.class, () -> JsonValues.object("metadata", List.of()));
    }
}
