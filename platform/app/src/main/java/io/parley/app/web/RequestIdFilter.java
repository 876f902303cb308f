package io.parley.app.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.parley.kernel.Ids;
import io.parley.kernel.RateLimitRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is sane, else a new one),
 * puts it in the logging context of everything that handles the request, echoes it in the
 * response, and writes one access line: method, route template, status, latency. Never the raw
 * path, query or body: they can carry personal data. A write the rate limiter refused gets no access line
 * ({@link RateLimitRefusal}: a flood is counted, not logged line by line).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.parley.access");
    /** The request's id and start (System.nanoTime) between the two halves of the filter. */
    private static final String REQUEST_ID = RequestIdFilter.class.getName() + ".id";
    private static final String STARTED = RequestIdFilter.class.getName() + ".started";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    // method filters rather than a reactive HttpServerFilter: no publisher chain around every request
    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String offered = request.getHeaders().get(HEADER);
        String requestId = offered != null && SANE_ID.matcher(offered).matches() ? offered : Ids.newId().toString();
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new RequestIdContext(requestId));
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String requestId = request.getAttribute(REQUEST_ID, String.class).orElse(null);
        if (requestId == null) {
            return;
        }
        response.header(HEADER, requestId);
        if (ACCESS.isInfoEnabled() && request.getAttribute(RateLimitRefusal.REQUEST_ATTRIBUTE).isEmpty()) {
            long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
            MDC.put(RequestIdContext.MDC_KEY, requestId);
            try {
                ACCESS.info("{} {} {} {}ms", request.getMethodName(),
                        BasicHttpAttributes.getUriTemplate(request).orElse("(unmatched)"),
                        response.code(), (System.nanoTime() - started) / 1_000_000);
            } finally {
                MDC.remove(RequestIdContext.MDC_KEY);
            }
        }
    }
}
