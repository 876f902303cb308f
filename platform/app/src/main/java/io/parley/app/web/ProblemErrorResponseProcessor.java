package io.parley.app.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
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
        HttpStatus status = response.getStatus();
        if (errorContext.getRequest().getMethod() == io.micronaut.http.HttpMethod.HEAD) {
            return (MutableHttpResponse<Map<String, Object>>) response;
        }
        return Problems.respond(response, status, Problems.genericDetail(status), List.of(), Map.of());
    }
}
