package io.parley.app.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What reaches the log for an unexpected error: classes, SQL states and where — never a message that may quote data. */
class UnexpectedErrorHandlerTest {

    @Test
    void describes_the_chain_without_any_message() {
        var failure = new IllegalStateException("wrapped: my card is 4111 1111 1111 1111",
                new SQLException("Detail: Key (email)=(alice@example.com) already exists.", "23505"));

        String description = UnexpectedErrorHandler.describe(failure);

        assertTrue(description.startsWith("java.lang.IllegalStateException <- java.sql.SQLException[23505]"), description);
        assertTrue(description.contains(" at io.parley."), "names the Parley frame: " + description);
        assertFalse(description.contains("4111"), description);
        assertFalse(description.contains("alice@example.com"), description);
    }

    @Test
    void a_lost_connection_is_unavailability_not_a_bug() {
        assertTrue(UnexpectedErrorHandler.databaseUnavailable(new RuntimeException(new SQLException("gone", "08006"))));
        assertTrue(UnexpectedErrorHandler.databaseUnavailable(new java.sql.SQLTransientConnectionException("pool timeout")));
        assertTrue(UnexpectedErrorHandler.databaseUnavailable(
                new io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException("no connection", null)));
        assertTrue(UnexpectedErrorHandler.databaseUnavailable(
                new io.micronaut.transaction.exceptions.CannotCreateTransactionException("no transaction")));
        assertFalse(UnexpectedErrorHandler.databaseUnavailable(new RuntimeException(new SQLException("dup", "23505"))));
        assertEquals(false, UnexpectedErrorHandler.databaseUnavailable(new IllegalStateException("no cause")));
    }
}
