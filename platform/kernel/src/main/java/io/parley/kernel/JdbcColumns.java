package io.parley.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one way every persistence adapter converts column values: {@code timestamptz} as {@link Instant}
 * (UTC), {@code uuid} as {@link UUID}, and a {@code jsonb} object as a {@code Map} (an absent object is
 * {@code {}}). Plain JDBC; the JSON text itself is written and read by the adapter's JSON library,
 * passed in by method reference ({@code json::writeValueAsString}, {@code json::readValue} of Micronaut's
 * {@code JsonMapper}), so the kernel needs none.
 */
public final class JdbcColumns {

    private static final String EMPTY_OBJECT = "{}";

    private JdbcColumns() {
    }

    /** Writes a value as JSON text: the adapter's JSON library. */
    @FunctionalInterface
    public interface JsonWriter {
        String write(Object value) throws IOException;
    }

    /** Reads JSON text as a value of a type: the adapter's JSON library. */
    @FunctionalInterface
    public interface JsonReader {
        Object read(String text, Class<?> type) throws IOException;
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    /** The JSON text of a {@code jsonb} object column; null is written as {@code {}}. */
    public static String json(Map<String, Object> object, JsonWriter writer) {
        if (object == null || object.isEmpty()) {
            // the common case (most messages carry no metadata): no JSON library needed
            return EMPTY_OBJECT;
        }
        try {
            return writer.write(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object a {@code jsonb} column holds; SQL NULL reads as {@code {}}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text, JsonReader reader) {
        if (text == null) {
            return Map.of();
        }
        if (EMPTY_OBJECT.equals(text)) {
            // what the JSON library would return for it: an empty, modifiable map
            return new LinkedHashMap<>();
        }
        try {
            Object value = reader.read(text, Map.class);
            if (!(value instanceof Map<?, ?> object)) {
                throw new IOException("not a JSON object");
            }
            return (Map<String, Object>) object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
