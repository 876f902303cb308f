package io.parley.tracing.web;

import io.parley.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows of this test run's database, for assertions on what was (not) stored. */
final class Db {

    private Db() {
    }

    static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = TestDatabase.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long spansOf(java.util.UUID conversationId) {
        return io.parley.app.support.Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ?", conversationId);
    }
}
