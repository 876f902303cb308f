package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.tracing.application.port.out.LoadApiRequestStatsPort;
import io.parley.tracing.domain.EndpointStats;
import io.parley.tracing.domain.StatsWindow;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics computed by PostgreSQL with {@code percentile_cont} (one sort per group for the three
 * percentiles).
 *
 * <p>One endpoint's window is a range scan of the {@code (endpoint, created_at)} index. Every
 * endpoint's window is ONE range scan of the {@code created_at} index, grouped: measured on 3 M rows
 * (30 days, 40 endpoints, lines interleaved as they arrive) that takes 0.35 s, while walking the
 * {@code (endpoint, created_at)} index endpoint by endpoint (a skip scan) takes 2 s, because each
 * endpoint's rows of one day lie on nearly every heap page of that day. (With method, status and
 * latency INCLUDEd in that index the skip scan becomes index-only and wins: 0.12 s; see the report.)
 */
@Singleton
class ApiRequestStatsReader implements LoadApiRequestStatsPort {

    private static final String AGGREGATES = """
            SELECT endpoint, method,
                   count(*) AS requests,
                   count(*) FILTER (WHERE status_code >= 500) AS server_errors,
                   count(*) FILTER (WHERE status_code BETWEEN 400 AND 499) AS client_errors,
                   percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms) AS latency
              FROM tracing.api_requests
            """;
    static final String EVERY_ENDPOINT = AGGREGATES + """
             WHERE created_at >= ? AND created_at < ?
             GROUP BY endpoint, method
             ORDER BY endpoint, method
            """;
    static final String ONE_ENDPOINT = AGGREGATES + """
             WHERE endpoint = ? AND created_at >= ? AND created_at < ?
             GROUP BY endpoint, method
             ORDER BY endpoint, method
            """;

    private final JdbcOperations jdbc;

    ApiRequestStatsReader(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<EndpointStats> stats(StatsWindow window, String endpoint) {
        return jdbc.prepareStatement(endpoint == null ? EVERY_ENDPOINT : ONE_ENDPOINT, statement -> {
            int column = 1;
            if (endpoint != null) {
                statement.setString(column++, endpoint);
            }
            statement.setObject(column++, OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC));
            statement.setObject(column, OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
            return stats(statement);
        });
    }

    private static List<EndpointStats> stats(PreparedStatement statement) throws SQLException {
        List<EndpointStats> stats = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long requests = rows.getLong("requests");
                Double[] latency = (Double[]) rows.getArray("latency").getArray();
                stats.add(new EndpointStats(rows.getString("endpoint"), rows.getString("method"), requests,
                        (double) rows.getLong("server_errors") / requests,
                        (double) rows.getLong("client_errors") / requests,
                        latency[0], latency[1], latency[2]));
            }
        }
        return stats;
    }
}
