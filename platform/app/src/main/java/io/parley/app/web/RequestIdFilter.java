package io.parley.app.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.parley.kernel.RateLimitRefusal;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is sane, else a new one),
 * puts it in the logging context of everything that handles the request, echoes it in the
 * response, and writes one access line: method, route template, status, latency. Never the raw
 * path, query or body: they can carry personal data. A write the rate limiter refused gets no access line
 * ({@link RateLimitRefusal}: a flood is counted, not logged line by line).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements HttpServerFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.parley.access");

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String offered = request.getHeaders().get(HEADER);
        String requestId = offered != null && SANE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        long started = System.nanoTime();
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new RequestIdContext(requestId))
                .propagate()) {
            return Publishers.map(chain.proceed(request), response -> {
                response.header(HEADER, requestId);
                if (ACCESS.isInfoEnabled() && request.getAttribute(RateLimitRefusal.REQUEST_ATTRIBUTE).isEmpty()) {
                    MDC.put(RequestIdContext.MDC_KEY, requestId);
                    try {
                        ACCESS.info("{} {} {} {}ms", request.getMethodName(),
                                BasicHttpAttributes.getUriTemplate(request).orElse("(unmatched)"),
                                response.code(), (System.nanoTime() - started) / 1_000_000);
                    } finally {
                        MDC.remove(RequestIdContext.MDC_KEY);
                    }
                }
                return response;
            });
        }
    }
}
