package io.parley.app.retention;

import java.util.LinkedHashMap;
import java.util.Map;

/** The running counts of one run, per table and per policy; the report is its snapshot. */
final class RetentionTally {

    static final String CONVERSATIONS = "conversation.conversations";
    static final String MESSAGES = "conversation.messages";
    static final String FEEDBACK = "conversation.feedback";
    static final String AGENT_TRACES = "tracing.agent_traces";
    static final String API_REQUESTS = "tracing.api_requests";
    static final String HANDOFFS = "ticketing.handoffs";
    static final String TICKETS = "ticketing.tickets";

    static final String ARCHIVED = "archived";
    static final String DELETED = "deleted";
    static final String CLOSED = "closed";
    static final String ANONYMISED = "anonymised";

    /** Every table and counter a report shows, in the order it shows them. */
    static final Map<String, String[]> SHAPE = shape();

    private final Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> batches = new LinkedHashMap<>();

    RetentionTally() {
        SHAPE.forEach((table, counters) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            for (String counter : counters) {
                row.put(counter, 0L);
            }
            tables.put(table, row);
        });
    }

    void add(String table, String counter, long rows) {
        Map<String, Long> row = tables.get(table);
        if (row == null || !row.containsKey(counter)) {
            throw new IllegalArgumentException("no counter " + counter + " for " + table);
        }
        row.merge(counter, rows, Long::sum);
    }

    void policy(String policy) {
        batches.putIfAbsent(policy, 0);
    }

    void batch(String policy) {
        batches.merge(policy, 1, Integer::sum);
    }

    Map<String, Map<String, Long>> tables() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        tables.forEach((table, row) -> copy.put(table, new LinkedHashMap<>(row)));
        return copy;
    }

    Map<String, Integer> batches() {
        return new LinkedHashMap<>(batches);
    }

    private static Map<String, String[]> shape() {
        Map<String, String[]> shape = new LinkedHashMap<>();
        shape.put(CONVERSATIONS, new String[]{ARCHIVED, DELETED, CLOSED});
        shape.put(MESSAGES, new String[]{ARCHIVED, DELETED});
        shape.put(FEEDBACK, new String[]{ARCHIVED, DELETED});
        shape.put(AGENT_TRACES, new String[]{ARCHIVED, DELETED});
        shape.put(API_REQUESTS, new String[]{ARCHIVED, DELETED});
        shape.put(HANDOFFS, new String[]{ARCHIVED, DELETED});
        shape.put(TICKETS, new String[]{ARCHIVED, ANONYMISED});
        return shape;
    }
}
