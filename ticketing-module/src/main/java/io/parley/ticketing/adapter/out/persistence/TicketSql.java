package io.parley.ticketing.adapter.out.persistence;

/** The SQL of the ticket adapter, in one place so the query-plan tests run exactly these statements. */
final class TicketSql {

    private TicketSql() {
    }

    static final String COLUMNS = """
            id, number, conversation_id, client_id, assignee_id, status, priority, description, escalation_reason,
            initial_summary, metadata::text AS metadata, version, opened_at, assigned_at, closed_at, updated_at""";

    static final String BY_ID = "SELECT " + COLUMNS + " FROM ticketing.tickets WHERE id = ?";

    static final String BY_CONVERSATION = "SELECT " + COLUMNS + " FROM ticketing.tickets WHERE conversation_id = ?";

    static final String LOCK_BY_ID = BY_ID + " FOR UPDATE";

    static final String LOCK_BY_CONVERSATION = BY_CONVERSATION + " FOR UPDATE";

    /** The agent queue, in the order of tickets_queue_idx; rows other claimers hold are skipped, not waited for. */
    static final String LOCK_NEXT_IN_QUEUE = "SELECT " + COLUMNS + """
             FROM ticketing.tickets
            WHERE status = 'PENDING_HUMAN_ASSIGNMENT'
            ORDER BY priority_rank DESC, opened_at, id
            LIMIT 1
              FOR UPDATE SKIP LOCKED""";

    static final String EXISTS_FOR_CONVERSATION = "SELECT EXISTS (SELECT 1 FROM ticketing.tickets WHERE conversation_id = ?)";

    static final String NEXT_NUMBER = "SELECT nextval('ticketing.ticket_number_seq')";

    /** ON CONFLICT on the conversation's unique key: concurrent openers wait for the first and then insert nothing. */
    static final String INSERT_IF_ABSENT = """
            INSERT INTO ticketing.tickets (id, number, conversation_id, client_id, assignee_id, status, priority, description,
                                           escalation_reason, initial_summary, metadata, version, opened_at, assigned_at,
                                           closed_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT (conversation_id) DO NOTHING
            RETURNING id""";

    static final String UPDATE = """
            UPDATE ticketing.tickets
               SET assignee_id = ?, status = ?, priority = ?, description = ?, escalation_reason = ?, initial_summary = ?,
                   metadata = ?::jsonb, version = ?, assigned_at = ?, closed_at = ?, updated_at = ?
             WHERE id = ? AND version = ?""";

    static final String INSERT_EVENT = """
            INSERT INTO ticketing.ticket_events (id, ticket_id, from_status, to_status, actor, reason, at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    /** Oldest first: a ticket's events have strictly increasing times (the aggregate guarantees it); the id only breaks ties of imported rows. */
    static final String HISTORY = """
            SELECT id, ticket_id, from_status, to_status, actor, reason, at
              FROM ticketing.ticket_events
             WHERE ticket_id = ?
             ORDER BY at, id""";

    /**
     * Newest first by (opened_at, id), keyset-paged: each filter combination has an index in that
     * order (tickets_opened_idx, tickets_status_opened_idx, tickets_assignee_opened_idx).
     */
    static String list(int statusCount, boolean byAssignee, boolean afterPosition) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ticketing.tickets WHERE true");
        if (statusCount > 0) {
            sql.append(" AND status IN (").append("?, ".repeat(statusCount - 1)).append("?)");
        }
        if (byAssignee) {
            sql.append(" AND assignee_id = ?");
        }
        if (afterPosition) {
            sql.append(" AND (opened_at, id) < (?, ?)");
        }
        return sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ?").toString();
    }
}
