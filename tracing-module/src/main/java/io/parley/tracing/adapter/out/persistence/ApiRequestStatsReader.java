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
 * percentiles), always from the {@code (endpoint, created_at)} index, which INCLUDEs method, status
 * and latency so no heap page is read.
 *
 * <p>For every endpoint the query walks the index's distinct endpoints (a recursive "skip scan":
 * one index probe per endpoint template, of which there are a few dozen) and aggregates each
 * endpoint's window as an index-only range. Measured on 3 M rows (30 days, 40 endpoints): 0.12 s,
 * against 0.35 s for one grouped range scan of {@code created_at} and 2 s for the walk through the heap.
 *
 * <p>The table is partitioned by {@code created_at}: every part of the query, the skip scan included, names
 * the window, so only the partitions it overlaps are planned and read (an endpoint without a request in the
 * window yields no row either way). Without the window in the skip scan, each of its probes visited every
 * partition: 9,144 buffers and 77 ms for a one-day window over 40 daily partitions, against 4,680 and 45 ms.
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
    static final String EVERY_ENDPOINT = """
            WITH RECURSIVE endpoints AS (
                (SELECT endpoint FROM tracing.api_requests
                  WHERE created_at >= ? AND created_at < ? ORDER BY endpoint LIMIT 1)
                UNION ALL
                SELECT (SELECT r.endpoint FROM tracing.api_requests r
                         WHERE r.endpoint > e.endpoint AND r.created_at >= ? AND r.created_at < ?
                         ORDER BY r.endpoint LIMIT 1)
                  FROM endpoints e
                 WHERE e.endpoint IS NOT NULL)
            SELECT s.* FROM endpoints e CROSS JOIN LATERAL (
            """ + AGGREGATES + """
                 WHERE endpoint = e.endpoint AND created_at >= ? AND created_at < ?
                 GROUP BY endpoint, method) s
             WHERE e.endpoint IS NOT NULL
             ORDER BY s.endpoint, s.method
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
            OffsetDateTime from = OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC);
            OffsetDateTime to = OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC);
            int column = 1;
            if (endpoint != null) {
                statement.setString(column++, endpoint);
            } else {
                // the skip scan's two probes
                for (int probe = 0; probe < 2; probe++) {
                    statement.setObject(column++, from);
                    statement.setObject(column++, to);
                }
            }
            statement.setObject(column++, from);
            statement.setObject(column, to);
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
