package io.parley.app.ratelimit;

/**
 * The budgets, each a token bucket per caller key. Every name is a configuration key
 * ({@code parley.rate-limits.<name>.*}) and the policy name in the {@code RateLimit-Policy} and
 * {@code RateLimit} headers.
 */
enum Limit {
    /** Every write without a token (chat turns, guest appends, feedback, escalation), per client address. */
    GUEST_ADDRESS("guest-address", Unit.REQUESTS),
    /** Every write without a token naming a guest session (chat turn with {@code session_id}, {@code /sessions/{id}/...}), per session id. */
    GUEST_SESSION("guest-session", Unit.REQUESTS),
    /** Starting a conversation ({@code POST /conversations}, a chat turn without {@code session_id}) by a guest or user, per client address. */
    NEW_CONVERSATION("new-conversation", Unit.REQUESTS),
    /** Writes of a signed-in caller without the service or admin role (users, agents), per {@code sub}. */
    USER_WRITES("user-writes", Unit.REQUESTS),
    /** Writes of a caller with the service or admin role, per {@code sub}. */
    SERVICE_WRITES("service-writes", Unit.REQUESTS),
    /** {@code POST /traces}, per {@code sub}, counted in spans. */
    TRACE_SPANS("trace-spans", Unit.SPANS);

    enum Unit { REQUESTS, SPANS }

    private final String configName;
    private final Unit unit;

    Limit(String configName, Unit unit) {
        this.configName = configName;
        this.unit = unit;
    }

    /** The key under {@code parley.rate-limits} and the policy name on the wire. */
    String configName() {
        return configName;
    }

    Unit unit() {
        return unit;
    }
}
