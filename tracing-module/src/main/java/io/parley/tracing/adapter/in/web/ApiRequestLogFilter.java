package io.parley.tracing.adapter.in.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.parley.kernel.Caller;
import io.parley.kernel.FilterScope;
import io.parley.kernel.Ids;
import io.parley.kernel.RateLimitRefusal;
import io.parley.kernel.Role;
import io.parley.tracing.application.port.in.RecordApiRequestUseCase;
import io.parley.tracing.domain.ApiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Logs every answered {@code /api/**} request: route template (never the raw path or query, which
 * carry ids and personal data), method, status, latency, time and the kind of caller (never who).
 * Handing the line over only queues it, so the response is never held up by the log. A write the rate
 * limiter refused ({@link RateLimitRefusal}) is not logged: refusals are counted in the rate limiter's
 * metric, and a flood must not become a flood of rows.
 *
 * <p>Two method filters rather than a reactive {@code HttpServerFilter} (no publisher chain around every
 * request), declared for every path and scoped here ({@link FilterScope}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ApiRequestLogFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestLogFilter.class);
    /** The request's {@link Arrival}, from the first half to the second; absent for requests not logged. */
    private static final String ARRIVAL = ApiRequestLogFilter.class.getName() + ".arrival";

    private final RecordApiRequestUseCase requestLog;
    private final Clock clock;

    ApiRequestLogFilter(RecordApiRequestUseCase requestLog, Clock clock) {
        this.requestLog = requestLog;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        // right after the request id filter: the latency includes security and every other filter
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    void arrived(HttpRequest<?> request) {
        if (FilterScope.isApi(request.getPath()) && ApiRequest.isLoggable(request.getMethodName())) {
            request.setAttribute(ARRIVAL, new Arrival(clock.instant(), System.nanoTime()));
        }
    }

    /** When a logged request arrived: the time it is stored with, and System.nanoTime() for its latency. */
    private record Arrival(Instant at, long nanos) {
    }

    @ResponseFilter
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Arrival arrival = request.getAttribute(ARRIVAL, Arrival.class).orElse(null);
        if (arrival == null || request.getAttribute(RateLimitRefusal.REQUEST_ATTRIBUTE).isPresent()) {
            return;
        }
        try {
            String endpoint = ApiRequest.fitEndpoint(BasicHttpAttributes.getUriTemplate(request).orElse(ApiRequest.UNMATCHED));
            requestLog.record(new ApiRequest(Ids.newId(clock), endpoint, request.getMethodName(), response.code(),
                    (System.nanoTime() - arrival.nanos()) / 1_000_000.0, callerKind(request, endpoint), arrival.at()));
        } catch (RuntimeException e) {
            // the log must never break a response
            LOG.warn("request log line not recorded: {}", e.getClass().getName());
        }
    }

    /**
     * The caller's kind as {@link Caller#kind()} names it. Without a token, a request to a route of the
     * guest's capability (a {@code {session_id}} in the template) is a guest; any other is anonymous.
     */
    static String callerKind(HttpRequest<?> request, String endpoint) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return endpoint.contains("{session_id}") ? Caller.guest("-").kind() : Caller.anonymous().kind();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authentication.get().getRoles().forEach(role -> Role.fromClaim(role).ifPresent(roles::add));
        return Caller.authenticated(Objects.requireNonNullElse(authentication.get().getName(), "-"), roles, null, null).kind();
    }
}
