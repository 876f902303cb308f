package io.parley.retention.adapter.out.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** For tests: another instance's session taking and giving back the retention job's advisory lock. */
public final class AnotherInstance {

    private AnotherInstance() {
    }

    /** Takes the lock on {@code session} (waits while a run here holds it). */
    public static void takesTheLock(Connection session) throws SQLException {
        advisory(session, "pg_advisory_lock");
    }

    public static void releasesTheLock(Connection session) throws SQLException {
        advisory(session, "pg_advisory_unlock");
    }

    private static void advisory(Connection session, String function) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, AdvisoryRetentionLock.KEY);
            statement.execute();
        }
    }
}
