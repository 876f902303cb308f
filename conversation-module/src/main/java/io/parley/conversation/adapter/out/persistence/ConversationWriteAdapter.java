package io.parley.conversation.adapter.out.persistence;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.parley.conversation.application.port.out.CreateConversationPort;
import io.parley.conversation.application.port.out.EraseConversationPort;
import io.parley.conversation.application.port.out.UpdateConversationPort;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.ConversationScope;
import io.parley.kernel.JdbcColumns;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.parley.kernel.JdbcColumns.setInstant;

/**
 * Writes conversations. {@code updated_at} only moves forward ({@code GREATEST}), so a clock a
 * little behind on another instance never makes a conversation look older than it is.
 */
@Singleton
@Connectable
class ConversationWriteAdapter implements CreateConversationPort, UpdateConversationPort, EraseConversationPort {

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final ConversationReadAdapter reads;

    ConversationWriteAdapter(JdbcOperations jdbc, JsonMapper json, ConversationReadAdapter reads) {
        this.jdbc = jdbc;
        this.json = json;
        this.reads = reads;
    }

    @Override
    public Conversation create(NewConversation conversation) {
        jdbc.prepareStatement("""
                INSERT INTO conversation.conversations (id, user_id, session_id, channel, locale, metadata, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                """, statement -> {
            statement.setObject(1, conversation.id());
            statement.setObject(2, conversation.ownerId());
            statement.setString(3, conversation.sessionId());
            statement.setString(4, conversation.channel().wireValue());
            statement.setString(5, conversation.locale());
            statement.setString(6, JdbcColumns.json(conversation.metadata(), json::writeValueAsString));
            setInstant(statement, 7, conversation.startedAt());
            setInstant(statement, 8, conversation.startedAt());
            return statement.executeUpdate();
        });
        return reads.load(conversation.id(), ConversationScope.SYSTEM).orElseThrow();
    }

    @Override
    public boolean close(UUID conversationId, Instant at) {
        return jdbc.prepareStatement("""
                UPDATE conversation.conversations
                   SET status = 'closed', ended_at = GREATEST(?, started_at), updated_at = GREATEST(updated_at, ?)
                 WHERE id = ? AND status = 'open'
                """, statement -> {
            setInstant(statement, 1, at);
            setInstant(statement, 2, at);
            statement.setObject(3, conversationId);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public void setSummary(UUID conversationId, String summary, Instant at) {
        jdbc.prepareStatement("""
                UPDATE conversation.conversations SET summary = ?, updated_at = GREATEST(updated_at, ?) WHERE id = ?
                """, statement -> {
            statement.setString(1, summary);
            setInstant(statement, 2, at);
            statement.setObject(3, conversationId);
            return statement.executeUpdate();
        });
    }

    /**
     * One statement: the foreign keys cascade to messages, feedback, traces and handoffs, and set
     * the ticket's conversation to NULL (ticketing's trigger then anonymises it), atomically.
     */
    @Override
    public boolean erase(UUID conversationId) {
        return jdbc.prepareStatement("DELETE FROM conversation.conversations WHERE id = ?", statement -> {
            statement.setObject(1, conversationId);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public List<UUID> conversationIdsOwnedBy(String ownerSubject, int limit) {
        return jdbc.prepareStatement("""
                SELECT c.id FROM conversation.conversations c
                 WHERE c.user_id = (SELECT id FROM conversation.users WHERE external_id = ?)
                 ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
                """, statement -> {
            statement.setString(1, ownerSubject);
            statement.setInt(2, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }

    @Override
    public boolean deleteUser(String ownerSubject) {
        return jdbc.prepareStatement("DELETE FROM conversation.users WHERE external_id = ?", statement -> {
            statement.setString(1, ownerSubject);
            return statement.executeUpdate() == 1;
        });
    }
}
