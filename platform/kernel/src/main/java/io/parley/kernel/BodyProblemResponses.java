package io.parley.kernel;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static io.parley.kernel.ApiDocs.PAYLOAD_TOO_LARGE;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;
import static io.parley.kernel.ApiDocs.UNSUPPORTED_MEDIA_TYPE;

/**
 * The OpenAPI responses every rate-limited write with a JSON body can meet — 413, 415, 422 (a broken rule) and
 * 429 — written once: micronaut-openapi reads {@code @ApiResponse} through this annotation. It lists them after
 * those the operation declares itself, so it stands last; an operation whose 422 says more declares its own
 * 413, 415 and 422 and uses {@link TooManyRequestsResponse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "413", description = PAYLOAD_TOO_LARGE,
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "422", description = UNPROCESSABLE,
        content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@TooManyRequestsResponse
public @interface BodyProblemResponses {
}
