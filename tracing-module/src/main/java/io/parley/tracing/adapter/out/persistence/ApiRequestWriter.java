package io.parley.tracing.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.tracing.application.port.out.SaveApiRequestsPort;
import io.parley.tracing.domain.ApiRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/** Appends request-log lines: one statement per batch (one array per column, unnested). */
@Singleton
class ApiRequestWriter implements SaveApiRequestsPort {

    static final String INSERT = """
            INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::smallint[], ?::double precision[], ?::text[], ?::timestamptz[])
            """;

    private final JdbcOperations jdbc;

    ApiRequestWriter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Its own transaction when called by the background writer; joins the caller's otherwise. */
    @Override
    @Transactional
    public void saveAll(List<ApiRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(INSERT, statement -> {
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("uuid", requests.stream().map(ApiRequest::id).toArray()));
            statement.setArray(2, texts(connection, requests, ApiRequest::endpoint));
            statement.setArray(3, texts(connection, requests, ApiRequest::method));
            statement.setArray(4, texts(connection, requests, ApiRequest::statusCode));
            statement.setArray(5, texts(connection, requests, ApiRequest::latencyMs));
            statement.setArray(6, texts(connection, requests, ApiRequest::callerKind));
            statement.setArray(7, texts(connection, requests, ApiRequest::at));
            return statement.executeUpdate();
        });
    }

    private static Array texts(Connection connection, List<ApiRequest> requests, Function<ApiRequest, Object> column)
            throws SQLException {
        return connection.createArrayOf("text", requests.stream().map(column).map(String::valueOf).toArray());
    }
}
