package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.parley.conversation.application.port.out.UpsertUserPort;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.UUID;

/**
 * One statement, so concurrent first requests of the same subject cannot race: ON CONFLICT on the
 * external id refreshes the row. An email already used by another subject is not taken over (it
 * stays with its first owner) rather than failing the request.
 */
@Singleton
@Connectable
class UserUpsertAdapter implements UpsertUserPort {

    private final JdbcOperations jdbc;

    UserUpsertAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UUID upsert(UUID newId, String externalId, String email, String name) {
        return jdbc.prepareStatement("""
                INSERT INTO conversation.users (id, external_id, email, name, is_authenticated)
                VALUES (?, ?, CASE WHEN EXISTS (SELECT 1 FROM conversation.users WHERE email = ? AND external_id <> ?)
                                   THEN NULL ELSE ? END, ?, true)
                ON CONFLICT (external_id) DO UPDATE
                   SET email = COALESCE(EXCLUDED.email, conversation.users.email),
                       name = COALESCE(EXCLUDED.name, conversation.users.name),
                       is_authenticated = true,
                       updated_at = now()
                RETURNING id
                """, statement -> {
            statement.setObject(1, newId);
            statement.setString(2, externalId);
            statement.setString(3, email);
            statement.setString(4, externalId);
            statement.setString(5, email);
            statement.setString(6, name);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        });
    }
}
