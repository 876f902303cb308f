package io.parley.app.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;
import io.micronaut.management.health.indicator.HealthResult;

/**
 * The health endpoint's HTTP status (503 when the service is not operational, or what
 * {@code endpoints.health.status.http-mapping} says), set on any response whose body is a health result.
 *
 * <p>It stands in for the framework's filter of the same job, which is declared for the health paths: the only
 * filter with a path pattern left, it alone made the router match patterns and sort the filter list on every
 * request ({@link io.parley.kernel.FilterScope}). Declared for every path, it looks at the body instead, which
 * only the health endpoint answers with.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Replaces(HealthResultFilter.class)
@Requires(beans = HealthEndpoint.class)
final class HealthStatusFilter {

    private final HealthEndpoint health;

    HealthStatusFilter(HealthEndpoint health) {
        this.health = health;
    }

    @ResponseFilter
    void status(MutableHttpResponse<?> response) {
        if (!(response.body() instanceof HealthResult result)) {
            return;
        }
        HealthStatus status = result.getStatus();
        HttpStatus mapped = health.getStatusConfiguration().getHttpMapping().get(status.getName());
        if (mapped != null) {
            response.status(mapped);
        } else if (!status.getOperational().orElse(true)) {
            response.status(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }
}
