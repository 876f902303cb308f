package io.parley.app.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.parley.kernel.FilterScope;

import java.util.List;
import java.util.Map;

/**
 * Body limits per route: 256 KiB everywhere ({@code parley.web.max-request-bytes}) except the trace batch
 * route, whose 500 spans with 8 KiB payloads need 8 MiB ({@code parley.web.max-trace-request-bytes}).
 * The server's own limit ({@code micronaut.server.max-request-size}) is the larger one, so it is this
 * filter that holds every other route to the smaller: a declared {@code Content-Length} is refused before
 * the body is read; a chunked body is measured once buffered ({@link #tooLarge}), before any controller runs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN) // POST, PUT and PATCH, chosen in the filter (FilterScope)
final class RequestBodyLimitFilter implements Ordered {

    /** The one route allowed the large limit (docs/api.md, "Traces"). */
    static final String TRACE_BATCHES = "/api/v1/traces";

    private final long defaultLimit;
    private final long traceLimit;

    RequestBodyLimitFilter(@Value("${parley.web.max-request-bytes:262144}") long defaultLimit,
                           @Value("${parley.web.max-trace-request-bytes:8388608}") long traceLimit) {
        this.defaultLimit = defaultLimit;
        this.traceLimit = traceLimit;
    }

    @Override
    public int getOrder() {
        // before authentication and before anything reads the body, as the server's own limit would; right after
        // RequestIdFilter, so a 413 carries its X-Request-Id
        return ServerFilterPhase.FIRST.before() + 1;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> checkDeclaredLength(HttpRequest<?> request) {
        if (!FilterScope.sendsBody(request.getMethodName())) {
            return null;
        }
        long declared = request.getContentLength();
        return declared > limitFor(request) ? tooLarge() : null;
    }

    long limitFor(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && TRACE_BATCHES.equals(request.getPath()) ? traceLimit : defaultLimit;
    }

    static HttpResponse<?> tooLarge() {
        HttpStatus status = HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        return Problems.respond(HttpResponse.status(status), status, Problems.genericDetail(status), List.of(), Map.of());
    }
}
