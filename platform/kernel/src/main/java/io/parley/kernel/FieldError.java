package io.parley.kernel;

/** One broken rule of a request, named by the field (snake_case, as the client sent it). */
public record FieldError(String field, String message) {
}
