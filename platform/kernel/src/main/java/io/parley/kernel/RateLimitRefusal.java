package io.parley.kernel;

/**
 * What the rate limiter (platform/app) tells the request logs (platform/app's access line, the tracing
 * module's {@code api_requests}) about a write it refused with 429. A flood is answered thousands of times a
 * second; logging each refusal would turn it into exactly the database and log work the limit exists to
 * spare, so refusals are counted instead (the {@code parley.rate.limit.decisions} metric, outcome
 * {@code refused}) and not logged.
 */
public final class RateLimitRefusal {

    /** A request attribute, present (value {@code Boolean.TRUE}) on a request the rate limiter refused. */
    public static final String REQUEST_ATTRIBUTE = "io.parley.rate-limit.refused";

    private RateLimitRefusal() {
    }
}
