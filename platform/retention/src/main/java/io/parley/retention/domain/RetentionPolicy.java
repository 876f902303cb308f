package io.parley.retention.domain;

/**
 * The four retention policies, in the order a run applies them: traces and request log rows by age first (so
 * the conversation batches, which hold row locks, cascade over fewer rows), then idle conversations are
 * closed, then expired closed conversations are purged.
 */
public enum RetentionPolicy {

    AGENT_TRACES("agent_traces"),
    API_REQUESTS("api_requests"),
    IDLE_CONVERSATIONS("idle_conversations"),
    CLOSED_CONVERSATIONS("closed_conversations");

    private final String wireName;

    RetentionPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** Its key in a report's {@code cutoffs} and {@code batches}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
