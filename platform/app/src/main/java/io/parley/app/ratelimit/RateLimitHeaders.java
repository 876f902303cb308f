package io.parley.app.ratelimit;

import io.parley.app.ratelimit.RateLimiter.Observation;

import java.util.List;

/**
 * The fields of the IETF httpapi draft "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers,
 * revision 08 and later: Structured Field lists of quoted policy names with parameters):
 * <pre>
 * RateLimit-Policy: "guest-address";q=30;w=30, "guest-session";q=10;w=30
 * RateLimit: "guest-address";r=29;t=1, "guest-session";r=9;t=3
 * </pre>
 * {@code q} is the burst (bucket capacity), {@code w} the seconds the bucket takes to refill from empty, so
 * q/w is the sustained rate; {@code r} the tokens left now, {@code t} the seconds until the bucket is full
 * again. Trace ingestion counts spans, said with {@code qu="spans"}. The figures are those this instance
 * enforces (its share when several instances split a budget).
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private RateLimitHeaders() {
    }

    static String policy(List<Observation> observations) {
        StringBuilder field = new StringBuilder();
        for (Observation observation : observations) {
            if (!field.isEmpty()) {
                field.append(", ");
            }
            Budget budget = observation.budget();
            field.append('"').append(observation.limit().configName()).append('"')
                    .append(";q=").append(budget.capacity())
                    .append(";w=").append(budget.windowSeconds());
            if (observation.limit().unit() == Limit.Unit.SPANS) {
                field.append(";qu=\"spans\"");
            }
        }
        return field.toString();
    }

    static String state(List<Observation> observations) {
        StringBuilder field = new StringBuilder();
        for (Observation observation : observations) {
            if (!field.isEmpty()) {
                field.append(", ");
            }
            field.append('"').append(observation.limit().configName()).append('"')
                    .append(";r=").append(observation.remaining())
                    .append(";t=").append(observation.resetSeconds());
        }
        return field.toString();
    }
}
