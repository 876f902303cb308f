package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.tracing.application.port.out.LoadApiRequestStatsPort;
import io.parley.tracing.domain.EndpointStats;
import io.parley.tracing.domain.StatsWindow;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics computed by PostgreSQL. The endpoints are found with a skip scan over the
 * {@code (endpoint, created_at)} index (one index probe per distinct endpoint, and there are only as
 * many as routes), then each endpoint's window is an index-only range scan of that same index (it
 * includes method, status and latency), aggregated with {@code percentile_cont} (one sort for the
 * three percentiles).
 */
@Singleton
class ApiRequestStatsReader implements LoadApiRequestStatsPort {

    static final String STATS = """
            WITH RECURSIVE endpoints AS (
                (SELECT endpoint FROM tracing.api_requests ORDER BY endpoint LIMIT 1)
                UNION ALL
                SELECT (SELECT r.endpoint FROM tracing.api_requests r
                         WHERE r.endpoint > e.endpoint ORDER BY r.endpoint LIMIT 1)
                  FROM endpoints e
                 WHERE e.endpoint IS NOT NULL
            )
            SELECT e.endpoint, s.method, s.requests, s.server_errors, s.client_errors,
                   s.latency[1] AS p50, s.latency[2] AS p95, s.latency[3] AS p99
              FROM endpoints e
             CROSS JOIN LATERAL (
                   SELECT r.method,
                          count(*) AS requests,
                          count(*) FILTER (WHERE r.status_code >= 500) AS server_errors,
                          count(*) FILTER (WHERE r.status_code BETWEEN 400 AND 499) AS client_errors,
                          percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY r.latency_ms) AS latency
                     FROM tracing.api_requests r
                    WHERE r.endpoint = e.endpoint
                      AND r.created_at >= ? AND r.created_at < ?
                    GROUP BY r.method
             ) s
             WHERE e.endpoint IS NOT NULL
             ORDER BY e.endpoint, s.method
            """;

    private final JdbcOperations jdbc;

    ApiRequestStatsReader(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<EndpointStats> stats(StatsWindow window) {
        return jdbc.prepareStatement(STATS, statement -> {
            statement.setObject(1, OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
            List<EndpointStats> stats = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long requests = rows.getLong("requests");
                    stats.add(new EndpointStats(rows.getString("endpoint"), rows.getString("method"), requests,
                            (double) rows.getLong("server_errors") / requests,
                            (double) rows.getLong("client_errors") / requests,
                            rows.getDouble("p50"), rows.getDouble("p95"), rows.getDouble("p99")));
                }
            }
            return stats;
        });
    }
}
