package io.parley.tracing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One line of the API request log. {@code endpoint} is the route template
 * ({@code /api/v1/conversations/{id}}) or {@link #UNMATCHED}: never the raw path or query,
 * which can carry ids and personal data.
 */
public record ApiRequest(UUID id, String endpoint, String method, int statusCode, double latencyMs,
                         String callerKind, Instant at) {

    /** The endpoint of a request no route matched (404, 405...). */
    public static final String UNMATCHED = "(unmatched)";
    public static final int ENDPOINT_MAX = 300;
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
    /** The values of {@link io.parley.kernel.Caller#kind()}. */
    public static final Set<String> CALLER_KINDS = Set.of("anonymous", "guest", "user", "agent", "admin", "service");

    public ApiRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        if (endpoint == null || endpoint.isEmpty() || endpoint.length() > ENDPOINT_MAX) {
            throw new IllegalArgumentException("endpoint must have 1.." + ENDPOINT_MAX + " characters");
        }
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method");
        }
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("status code out of range");
        }
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new IllegalArgumentException("latency out of range");
        }
        if (!CALLER_KINDS.contains(callerKind)) {
            throw new IllegalArgumentException("unknown caller kind");
        }
    }

    /** True when the log can hold this request: the table only accepts the standard methods. */
    public static boolean isLoggable(String method) {
        return METHODS.contains(method);
    }

    /** A template too long for the column is cut, not dropped: the prefix still names the route. */
    public static String fitEndpoint(String template) {
        if (template == null || template.isEmpty()) {
            return UNMATCHED;
        }
        return template.length() <= ENDPOINT_MAX ? template : template.substring(0, ENDPOINT_MAX);
    }
}
