package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Column conversions; the persistence tests of every module run them against PostgreSQL. */
class JdbcColumnsTest {

    @Test
    void an_absent_or_empty_object_is_written_and_read_as_the_empty_object_without_the_json_library() {
        JdbcColumns.JsonWriter noWriter = object -> {
            throw new AssertionError("the empty object needs no JSON library");
        };
        assertEquals("{}", JdbcColumns.json(null, noWriter));
        assertEquals("{}", JdbcColumns.json(Map.of(), noWriter));
        assertEquals(Map.of(), JdbcColumns.object(null, (text, type) -> {
            throw new AssertionError("SQL NULL is not parsed");
        }));
        Map<String, Object> empty = JdbcColumns.object("{}", (text, type) -> {
            throw new AssertionError("the empty object is not parsed");
        });
        assertEquals(Map.of(), empty);
        empty.put("modifiable", true); // as the JSON library's maps are
        assertEquals("{\"a\":1}", JdbcColumns.json(Map.of("a", 1), object -> "{\"a\":1}"));
        assertEquals(Map.of("a", 1), JdbcColumns.object("{\"a\":1}", (text, type) -> Map.of("a", 1)));
    }

    @Test
    void a_failure_of_the_json_library_is_unchecked() {
        assertThrows(UncheckedIOException.class, () -> JdbcColumns.json(Map.of("a", 1), object -> {
            throw new IOException("broken");
        }));
        assertThrows(UncheckedIOException.class, () -> JdbcColumns.object("{", (text, type) -> {
            throw new IOException("broken");
        }));
        assertThrows(UncheckedIOException.class, () -> JdbcColumns.object("[]", (text, type) -> List.of()), "an array is no object");
    }

    @Test
    void an_instant_is_bound_as_utc_and_null_as_a_typed_null() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + Arrays.toString(args));
                    return null;
                });

        JdbcColumns.setInstant(statement, 1, Instant.parse("2026-12-05T10:00:00.123Z"));
        JdbcColumns.setInstant(statement, 2, null);

        assertEquals(List.of("setObject[1, " + OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 123_000_000, ZoneOffset.UTC) + "]",
                "setNull[2, " + Types.TIMESTAMP_WITH_TIMEZONE + "]"), calls);
    }
}
