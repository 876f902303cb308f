package io.parley.retention.adapter.out.lock;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.parley.retention.application.port.out.RetentionLock;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One retention run at a time across every instance: a session-level PostgreSQL advisory lock taken with
 * {@code pg_try_advisory_lock} on a connection of its own, held for the whole run and released after it.
 * If the process dies, PostgreSQL ends the session and the lock with it. Needs session pooling between
 * Parley and PostgreSQL (a transaction-pooling PgBouncer would hand the session to someone else).
 */
@Singleton
class AdvisoryRetentionLock implements RetentionLock {

    /** The advisory lock key of the retention job: "parley" in ASCII, then 1. Nothing else may use it. */
    static final long KEY = 0x7061_726c_6579_0001L;

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRetentionLock.class);

    private final DataSource dataSource;

    AdvisoryRetentionLock(DataSource dataSource) {
        // the raw pool, not the transaction-bound proxy: this connection must stay out of every batch's transaction
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The lock, or empty when another session (another instance, or another run here) holds it. */
    @Override
    public Optional<Lease> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, KEY);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return Optional.of(new Held(connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the retention lock", e);
        }
    }

    /** The held lock: the session that took it; {@link #close()} releases it. */
    private static final class Held implements Lease {

        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        /**
         * Fails when the lock's session is gone (the connection broke or was killed): the lock went with it,
         * and another instance may already be running, so the run must stop before its next batch.
         */
        @Override
        public void ensureHeld() {
            try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                statement.execute();
            } catch (SQLException e) {
                throw new IllegalStateException("the retention lock's session was lost; stopping the run", e);
            }
        }

        @Override
        public void close() {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, KEY);
                statement.execute();
            } catch (SQLException e) {
                // a broken connection is evicted by the pool, which ends the session and so the lock
                LOG.warn("could not release the retention lock explicitly ({}); it ends with its session", e.getClass().getName());
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("could not close the retention lock's connection ({})", e.getClass().getName());
            }
        }
    }
}
