package io.parley.app.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.MalformedRequestException;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.ParleyException;
import io.parley.kernel.RuleViolationException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Domain exceptions to problem+json: MalformedRequest 400, NotFound 404, Forbidden 403, Conflict 409, RuleViolation 422. Their messages are ours and safe to show. */
@Produces
@Singleton
@Requires(classes = {ParleyException.class, ExceptionHandler.class})
final class DomainExceptionHandler implements ExceptionHandler<ParleyException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ParleyException exception) {
        if (exception instanceof MalformedRequestException malformed) {
            return Problems.respond(HttpResponse.status(HttpStatus.BAD_REQUEST), HttpStatus.BAD_REQUEST,
                    Problems.genericDetail(HttpStatus.BAD_REQUEST), List.of(malformed.error()), Map.of());
        }
        if (exception instanceof NotFoundException) {
            return Problems.respond(HttpResponse.status(HttpStatus.NOT_FOUND), HttpStatus.NOT_FOUND, exception.getMessage(), List.of(), Map.of());
        }
        if (exception instanceof ForbiddenException) {
            return Problems.respond(HttpResponse.status(HttpStatus.FORBIDDEN), HttpStatus.FORBIDDEN, exception.getMessage(), List.of(), Map.of());
        }
        if (exception instanceof ConflictException conflict) {
            return Problems.respond(HttpResponse.status(HttpStatus.CONFLICT), HttpStatus.CONFLICT, exception.getMessage(), List.of(), conflict.details());
        }
        if (exception instanceof RuleViolationException violation) {
            return Problems.respond(HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY), HttpStatus.UNPROCESSABLE_ENTITY,
                    "The request breaks " + (violation.errors().size() == 1 ? "a rule" : violation.errors().size() + " rules") + ".",
                    violation.errors(), Map.of());
        }
        return Problems.respond(HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR), HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.genericDetail(HttpStatus.INTERNAL_SERVER_ERROR), List.of(), Map.of());
    }
}
