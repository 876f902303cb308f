package io.parley.app.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.parley.kernel.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, the one error shape of the API:
 * {@code {"type","title","status","detail","errors":[{"field","message"}]}} plus optional extension members.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private Problems() {
    }

    public static Map<String, Object> body(HttpStatus status, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:parley:problem:" + slug(status));
        body.put("title", status.getReason());
        body.put("status", status.getCode());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    public static MutableHttpResponse<Map<String, Object>> respond(MutableHttpResponse<?> response, HttpStatus status, String detail,
                                                                  List<FieldError> errors, Map<String, Object> extensions) {
        return response.status(status)
                .body(body(status, detail, errors, extensions))
                .contentType(PROBLEM_JSON);
    }

    /** The detail a client sees for a status when the cause is not ours to describe. */
    public static String genericDetail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read: malformed JSON, a value of the wrong type, or a bad parameter.";
            case UNAUTHORIZED -> "A valid bearer token is required.";
            case FORBIDDEN -> "Your role does not allow this.";
            case NOT_FOUND -> "No such resource.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
            case NOT_ACCEPTABLE -> "No acceptable representation.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the limit.";
            case REQUEST_URI_TOO_LONG -> "The request URI is longer than the limit.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are larger than the limit.";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported content type: send application/json.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; retry later.";
            case TOO_MANY_REQUESTS -> "Too many requests; retry later.";
            default -> status.getCode() >= 500 ? "An internal error occurred." : status.getReason();
        };
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "payload-too-large";
            case REQUEST_URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case UNPROCESSABLE_ENTITY -> "validation";
            case TOO_MANY_REQUESTS -> "rate-limited";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> status.getCode() >= 500 ? "internal" : String.valueOf(status.getCode());
        };
    }
}
