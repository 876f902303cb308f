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
import static io.parley.kernel.ApiDocs.RETRY_AFTER;

/**
 * The OpenAPI responses of an event stream's limits (platform/live): 429 when the caller holds its maximum of open
 * streams, 503 when this instance does. Read by micronaut-openapi through the annotation and listed after the
 * responses declared where it stands, so it goes last.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ApiResponse(responseCode = "429", description = "The caller already holds its maximum of open streams (8)",
        headers = @Header(name = "Retry-After", description = RETRY_AFTER, schema = @Schema(type = "integer")),
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "503", description = "This instance holds its maximum of open streams; retry (here or elsewhere)",
        headers = @Header(name = "Retry-After", description = RETRY_AFTER, schema = @Schema(type = "integer")),
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
public @interface StreamLimitResponses {
}
