package io.parley.retention.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The running counts of one run, per table and per policy; the report is its snapshot. */
public final class RetentionTally {

    public static final String CONVERSATIONS = "conversation.conversations";
    public static final String MESSAGES = "conversation.messages";
    public static final String FEEDBACK = "conversation.feedback";
    public static final String AGENT_TRACES = "tracing.agent_traces";
    public static final String API_REQUESTS = "tracing.api_requests";
    public static final String HANDOFFS = "ticketing.handoffs";
    public static final String TICKETS = "ticketing.tickets";

    public static final String ARCHIVED = "archived";
    public static final String DELETED = "deleted";
    public static final String CLOSED = "closed";
    public static final String ANONYMISED = "anonymised";

    /** Every table and counter a report shows, in the order it shows them. */
    public static final Map<String, String[]> SHAPE = Collections.unmodifiableMap(shape());

    private final Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> batches = new LinkedHashMap<>();

    public RetentionTally() {
        SHAPE.forEach((table, counters) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            for (String counter : counters) {
                row.put(counter, 0L);
            }
            tables.put(table, row);
        });
    }

    public void add(String table, String counter, long rows) {
        Map<String, Long> row = tables.get(table);
        if (row == null || !row.containsKey(counter)) {
            throw new IllegalArgumentException("no counter " + counter + " for " + table);
        }
        row.merge(counter, rows, Long::sum);
    }

    /** The policy is enabled in this run: it shows in the report, with 0 batches until it has one. */
    public void policy(RetentionPolicy policy) {
        batches.putIfAbsent(policy.wireName(), 0);
    }

    public void batch(RetentionPolicy policy) {
        batches.merge(policy.wireName(), 1, Integer::sum);
    }

    /** {@code count} more batches (a dry run counts the batches a real run would take). */
    public void batches(RetentionPolicy policy, long count) {
        for (long i = 0; i < count; i++) {
            batch(policy);
        }
    }

    public Map<String, Map<String, Long>> tables() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        tables.forEach((table, row) -> copy.put(table, new LinkedHashMap<>(row)));
        return copy;
    }

    public Map<String, Integer> batches() {
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
