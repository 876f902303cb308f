package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.conversation.application.port.out.LoadFeedbackStatsPort;
import io.parley.conversation.domain.FeedbackStats;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;

import static io.parley.kernel.JdbcColumns.setInstant;

/** One aggregate over a range of {@code feedback_updated_idx}. */
@Singleton
class FeedbackStatsAdapter implements LoadFeedbackStatsPort {

    static final String STATS_SQL = """
            SELECT count(*), coalesce(sum(rating), 0), count(*) FILTER (WHERE rating >= ?)
              FROM conversation.feedback
             WHERE updated_at >= ? AND updated_at < ?
            """;

    private final JdbcOperations jdbc;

    FeedbackStatsAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FeedbackStats stats(Instant from, Instant to) {
        return jdbc.prepareStatement(STATS_SQL, statement -> {
            statement.setInt(1, FeedbackStats.SATISFIED_FROM);
            setInstant(statement, 2, from);
            setInstant(statement, 3, to);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return FeedbackStats.of(rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        });
    }
}
