package io.parley.app.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Every error Micronaut itself produces (bad JSON, 401, 403, 404, 405, 413, 415, ...) leaves as
 * problem+json. Framework messages can quote the request body or internals, so the client gets
 * a fixed, status-specific detail instead of them.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Map<String, Object>> {

    @Override
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        HttpStatus status = refine(errorContext.getRequest(), response.getStatus());
        if (errorContext.getRequest().getMethod() == io.micronaut.http.HttpMethod.HEAD) {
            return (MutableHttpResponse<Map<String, Object>>) response;
        }
        return Problems.respond(response, status, Problems.genericDetail(status), List.of(), Map.of());
    }

    /**
     * The framework answers every request the HTTP decoder found too long with 413. A request line over
     * {@code micronaut.server.netty.max-initial-line-length} is a URI too long (414), headers over
     * {@code max-header-size} are 431, as RFC 9110 and RFC 6585 name them.
     */
    static HttpStatus refine(HttpRequest<?> request, HttpStatus status) {
        if (status != HttpStatus.REQUEST_ENTITY_TOO_LARGE || !(request instanceof NettyHttpRequest<?> netty)) {
            return status;
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return status;
    }
}
