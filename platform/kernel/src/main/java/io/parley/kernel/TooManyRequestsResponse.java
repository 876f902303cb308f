package io.parley.kernel;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.RATE_LIMIT;
import static io.parley.kernel.ApiDocs.RATE_LIMIT_POLICY;
import static io.parley.kernel.ApiDocs.RETRY_AFTER;
import static io.parley.kernel.ApiDocs.TOO_MANY_REQUESTS;

/**
 * The OpenAPI 429 of a rate-limited route, with its three headers, written once: micronaut-openapi reads
 * {@code @ApiResponse} through this annotation. It lists the response after those the operation declares
 * itself, so it goes last (the document keeps the order of status codes).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "429", description = TOO_MANY_REQUESTS, headers = {
        @Header(name = "Retry-After", description = RETRY_AFTER, schema = @Schema(type = "integer")),
        @Header(name = "RateLimit-Policy", description = RATE_LIMIT_POLICY, schema = @Schema(type = "string")),
        @Header(name = "RateLimit", description = RATE_LIMIT, schema = @Schema(type = "string"))},
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
public @interface TooManyRequestsResponse {
}
