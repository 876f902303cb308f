package io.parley.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.parley.live.StreamLimitException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * An event stream refused before it started: 503 when this instance holds its maximum of streams (another
 * instance, or this one a little later, will take it), 429 when the caller holds theirs. Both say when to
 * retry ({@code Retry-After}, seconds).
 */
@Produces
@Singleton
@Requires(classes = {StreamLimitException.class, ExceptionHandler.class})
final class StreamLimitHandler implements ExceptionHandler<StreamLimitException, HttpResponse<?>> {

    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public HttpResponse<?> handle(HttpRequest request, StreamLimitException exception) {
        HttpStatus status = exception.limit() == StreamLimitException.Limit.INSTANCE
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.TOO_MANY_REQUESTS;
        return Problems.respond(HttpResponse.status(status).header("Retry-After", RETRY_AFTER_SECONDS), status, exception.getMessage(),
                List.of(), Map.of());
    }
}
