package io.parley.conversation.adapter.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Column conversions shared by the adapters: jsonb objects as maps, timestamptz as instants. */
@Singleton
final class JsonColumns {

    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    String write(Map<String, Object> object) {
        try {
            return json.writeValueAsString(object == null ? Map.of() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> read(String raw) {
        try {
            return raw == null ? Map.of() : json.readValue(raw, OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
