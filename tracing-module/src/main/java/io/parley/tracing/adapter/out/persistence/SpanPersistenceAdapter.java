package io.parley.tracing.adapter.out.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.tracing.application.port.out.LoadSpansPort;
import io.parley.tracing.application.port.out.SaveSpansPort;
import io.parley.tracing.domain.OperationType;
import io.parley.tracing.domain.Span;
import io.parley.tracing.domain.SpanStatus;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tracing.agent_traces} over plain SQL. A batch is inserted by ONE statement whatever its
 * size: the spans travel as one array per column and {@code unnest} turns them back into rows, so
 * the SQL text (and its server-side plan) is the same for 1 or 500 spans.
 *
 * <p>The table is partitioned by {@code created_at}, so its primary key is {@code (id, created_at)} and cannot
 * say "one span per id" across partitions. The statement first claims the ids in {@code tracing.agent_trace_ids}
 * ({@code ON CONFLICT (id) DO NOTHING}: an id already stored, or being stored by a transaction still open, is
 * not claimed — the latter after waiting for it, exactly as the single-table primary key behaved) and stores
 * only the spans whose id it claimed. The alternative, probing every partition for each id, cost 0.16 ms a span
 * with 40 daily partitions against 0.012 ms for the claim (scratch measurement, 100-span batches).
 */
@Singleton
@Connectable // joins the caller's transaction when there is one; otherwise each statement is its own
class SpanPersistenceAdapter implements SaveSpansPort, LoadSpansPort {

    static final String INSERT_NEW = """
            WITH batch AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::timestamptz[], ?::timestamptz[], ?::integer[], ?::integer[], ?::numeric[],
                                     ?::text[], ?::jsonb[], ?::text[])
                    AS s(id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type, name,
                         status, started_at, ended_at, input_tokens, output_tokens, cost_usd,
                         model, payload, error)
            ), claimed AS (
                INSERT INTO tracing.agent_trace_ids (id)
                SELECT id FROM batch
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            ), inserted AS (
                INSERT INTO tracing.agent_traces (id, trace_id, parent_id, conversation_id, message_id, agent_type,
                                                  operation_type, name, status, started_at, ended_at, input_tokens,
                                                  output_tokens, cost_usd, model, payload, error)
                SELECT b.* FROM batch b JOIN claimed c ON c.id = b.id
                ON CONFLICT (id, created_at) DO NOTHING  -- an id repeated inside the batch: the claim matched both
                RETURNING 1
            )
            SELECT count(*) FROM inserted
            """;

    private static final String COLUMNS = """
            SELECT id, trace_id, parent_id, conversation_id, message_id, agent_type, operation_type, name, status,
                   started_at, ended_at, input_tokens, output_tokens, cost_usd, model, payload::text AS payload, error
              FROM tracing.agent_traces
            """;
    static final String BY_CONVERSATION = COLUMNS + """
             WHERE conversation_id = ?
             ORDER BY started_at, id
             LIMIT ?
            """;
    static final String CONVERSATIONS_OF_MESSAGE = """
            SELECT DISTINCT conversation_id FROM tracing.agent_traces WHERE message_id = ?
            """;
    static final String TRACES_OF_MESSAGE = COLUMNS + """
             WHERE trace_id IN (SELECT trace_id FROM tracing.agent_traces WHERE message_id = ?)
               AND conversation_id = ANY (?)
             ORDER BY started_at, id
             LIMIT ?
            """;

    private static final Pattern MISSING_KEY = Pattern.compile("Key \\((conversation_id|message_id)\\)=\\(([0-9a-fA-F-]{36})\\)");
    private static final Pattern MISSING_CONSTRAINT = Pattern.compile("agent_traces_(conversation_id|message_id)_fkey");

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    SpanPersistenceAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public int insertNew(List<Span> spans) {
        try {
            return jdbc.prepareStatement(INSERT_NEW, statement -> {
                Connection connection = statement.getConnection();
                int column = 1;
                statement.setArray(column++, array(connection, "uuid", spans, Span::id));
                statement.setArray(column++, array(connection, "uuid", spans, Span::traceId));
                statement.setArray(column++, array(connection, "uuid", spans, Span::parentId));
                statement.setArray(column++, array(connection, "uuid", spans, Span::conversationId));
                statement.setArray(column++, array(connection, "uuid", spans, Span::messageId));
                statement.setArray(column++, array(connection, "text", spans, Span::agentType));
                statement.setArray(column++, array(connection, "text", spans, s -> s.operationType().wireValue()));
                statement.setArray(column++, array(connection, "text", spans, Span::name));
                statement.setArray(column++, array(connection, "text", spans, s -> s.status().wireValue()));
                statement.setArray(column++, array(connection, "text", spans, Span::startedAt));
                statement.setArray(column++, array(connection, "text", spans, Span::endedAt));
                statement.setArray(column++, array(connection, "text", spans, Span::inputTokens));
                statement.setArray(column++, array(connection, "text", spans, Span::outputTokens));
                statement.setArray(column++, array(connection, "text", spans, s -> s.costUsd() == null ? null : s.costUsd().toPlainString()));
                statement.setArray(column++, array(connection, "text", spans, Span::model));
                statement.setArray(column++, array(connection, "text", spans, s -> s.payload() == null ? null : toJson(s.payload())));
                statement.setArray(column, array(connection, "text", spans, Span::error));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
        } catch (RuntimeException e) {
            throw missingReference(e).orElseThrow(() -> e);
        }
    }

    @Override
    public List<Span> byConversation(UUID conversationId, int limit) {
        return jdbc.prepareStatement(BY_CONVERSATION, statement -> {
            statement.setObject(1, conversationId);
            statement.setInt(2, limit);
            return spans(statement);
        });
    }

    @Override
    public Set<UUID> conversationsOfMessage(UUID messageId) {
        return jdbc.prepareStatement(CONVERSATIONS_OF_MESSAGE, statement -> {
            statement.setObject(1, messageId);
            Set<UUID> ids = new LinkedHashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    @Override
    public List<Span> tracesOfMessage(UUID messageId, Collection<UUID> conversationIds, int limit) {
        return jdbc.prepareStatement(TRACES_OF_MESSAGE, statement -> {
            statement.setObject(1, messageId);
            statement.setArray(2, statement.getConnection().createArrayOf("uuid", conversationIds.toArray()));
            statement.setInt(3, limit);
            return spans(statement);
        });
    }

    private static <T> Array array(Connection connection, String type, List<Span> spans, Function<Span, T> column) throws SQLException {
        Object[] values = new Object[spans.size()];
        for (int i = 0; i < values.length; i++) {
            T value = column.apply(spans.get(i));
            values[i] = value == null ? null : "uuid".equals(type) ? value : value.toString();
        }
        return connection.createArrayOf(type, values);
    }

    private List<Span> spans(PreparedStatement statement) throws SQLException {
        List<Span> spans = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                spans.add(span(rows));
            }
        }
        return spans;
    }

    private Span span(ResultSet rows) throws SQLException {
        return new Span(
                rows.getObject("id", UUID.class),
                rows.getObject("trace_id", UUID.class),
                rows.getObject("parent_id", UUID.class),
                rows.getObject("conversation_id", UUID.class),
                rows.getObject("message_id", UUID.class),
                rows.getString("agent_type"),
                OperationType.fromWire(rows.getString("operation_type")).orElseThrow(),
                rows.getString("name"),
                SpanStatus.fromWire(rows.getString("status")).orElseThrow(),
                instant(rows.getObject("started_at", OffsetDateTime.class)),
                instant(rows.getObject("ended_at", OffsetDateTime.class)),
                rows.getObject("input_tokens", Integer.class),
                rows.getObject("output_tokens", Integer.class),
                rows.getBigDecimal("cost_usd"),
                rows.getString("model"),
                fromJson(rows.getString("payload")),
                rows.getString("error"));
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String toJson(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return text == null ? null : json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A foreign-key violation (SQLSTATE 23503) named by the column and, when PostgreSQL says it, the missing value. */
    private static Optional<MissingReferenceException> missingReference(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                Matcher key = MISSING_KEY.matcher(message);
                if (key.find()) {
                    return Optional.of(new MissingReferenceException(key.group(1), UUID.fromString(key.group(2))));
                }
                Matcher constraint = MISSING_CONSTRAINT.matcher(message);
                return Optional.of(new MissingReferenceException(constraint.find() ? constraint.group(1) : "conversation_id", null));
            }
        }
        return Optional.empty();
    }
}
