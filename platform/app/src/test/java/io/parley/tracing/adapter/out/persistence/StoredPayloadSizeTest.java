package io.parley.tracing.adapter.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import io.parley.tracing.domain.SpanPayload;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The payload limit is checked by the application before the table's CHECK constraint
 * ({@code octet_length(payload::text) <= 65536}) sees it: both must measure the same thing, or a
 * payload the API accepted could fail the insert. Each payload is parsed as the controller parses it,
 * normalized, written as the adapter writes it, and measured by PostgreSQL.
 */
@MicronautTest
class StoredPayloadSizeTest implements PostgresBacked {

    @Inject
    JsonMapper json;

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{}}",
            "{\"n\":[1e3,1E-7,0.10,-0,-0.0,12345678901234567890123,3.141592653589793,1.5e300,2.5E-300]}",
            "{\"text\":\"line\\nbreak\\ttab \\\"quoted\\\" back\\\\slash \\u0001 control é € 😀 \\u007f\"}",
            "{\"nested\":{\"deeper\":{\"deepest\":[[],[{}],[[1,2],[3]]]}},\"empty\":\"\"}",
            "{\"long key with spaces and ünïcödé\":\"value\",\"x\":[\"a\",\"b\",\"c\"]}",
            "{\"big\":9223372036854775808,\"small\":-9223372036854775809,\"tiny\":4.9e-324}"
    })
    void the_application_measures_what_postgresql_measures(String body) throws Exception {
        Object parsed = json.readValue(body, Argument.OBJECT_ARGUMENT);
        SpanPayload.Normalized normalized = SpanPayload.normalize(parsed);
        String written = json.writeValueAsString(normalized.tree());

        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT octet_length(?::jsonb::text)")) {
            statement.setString(1, written);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertEquals(rows.getLong(1), normalized.storedBytes(), body);
            }
        }
    }
}
