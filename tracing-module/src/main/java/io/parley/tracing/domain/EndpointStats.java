package io.parley.tracing.domain;

/**
 * How one endpoint (route template and method) behaved in a time window. {@code errorRate} is the
 * share of server errors (5xx), {@code clientErrorRate} the share of 4xx; latency percentiles are
 * interpolated (PostgreSQL {@code percentile_cont}) in milliseconds.
 */
public record EndpointStats(String endpoint, String method, long count, double errorRate, double clientErrorRate,
                            double p50Ms, double p95Ms, double p99Ms) {
}
