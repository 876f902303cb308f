package io.parley.ticketing.adapter.out.persistence;

import io.parley.ticketing.domain.DeliveryState;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The SQL of the handoff outbox adapter, in one place so the query-plan tests run exactly these statements. */
final class HandoffSql {

    private HandoffSql() {
    }

    static final String COLUMNS = """
            id, ticket_id, conversation_id, provider, status, reason, external_ticket_id, attempts, next_attempt_at,
            last_error, created_at, updated_at""";

    static final String INSERT_IF_ABSENT = """
            INSERT INTO ticketing.handoffs (id, ticket_id, conversation_id, provider, status, reason, attempts,
                                            next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    /** A ticket has one handoff row: a reopened ticket's new handoff replaces it, delivery state and all. */
    static final String REQUEUE = """
            INSERT INTO ticketing.handoffs (id, ticket_id, conversation_id, provider, status, reason, attempts,
                                            next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', ?, 0, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE
               SET id = EXCLUDED.id, conversation_id = EXCLUDED.conversation_id, provider = EXCLUDED.provider,
                   status = 'pending', reason = EXCLUDED.reason, external_ticket_id = NULL, attempts = 0,
                   next_attempt_at = EXCLUDED.next_attempt_at, last_error = NULL,
                   created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at""";

    /**
     * Claim and lease in one statement: due rows in the order of handoffs_due_idx, skipping those
     * another dispatcher holds, counted as one more attempt and hidden until the lease ends.
     */
    static final String CLAIM_DUE = """
            WITH due AS (
                SELECT id FROM ticketing.handoffs
                 WHERE status = 'pending' AND next_attempt_at <= ?
                 ORDER BY next_attempt_at, id
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED)
            UPDATE ticketing.handoffs h
               SET attempts = h.attempts + 1, next_attempt_at = ?, updated_at = ?
              FROM due
             WHERE h.id = due.id
            RETURNING h.id, h.ticket_id, h.conversation_id, h.provider, h.status, h.reason, h.external_ticket_id,
                      h.attempts, h.next_attempt_at, h.last_error, h.created_at, h.updated_at""";

    /** Only the holder of the current attempt may settle it: not after the ticket closed, nor after a re-claim. */
    static final String RECORD_ATTEMPT = """
            UPDATE ticketing.handoffs
               SET status = ?, external_ticket_id = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
             WHERE id = ? AND status = 'pending' AND attempts = ?""";

    static final String SETTLE_FOR_CLOSED_TICKET = """
            UPDATE ticketing.handoffs
               SET status = 'resolved', next_attempt_at = NULL, updated_at = ?
             WHERE ticket_id = ? AND status IN (""" + Arrays.stream(DeliveryState.values())
            .filter(DeliveryState::settlesWhenTicketCloses)
            .map(state -> "'" + state.storedValue() + "'")
            .collect(Collectors.joining(", ")) + ")";

    static final String BY_TICKET = "SELECT " + COLUMNS + " FROM ticketing.handoffs WHERE ticket_id = ?";

    static final String BY_CONVERSATION = "SELECT " + COLUMNS + " FROM ticketing.handoffs WHERE conversation_id = ?";
}
