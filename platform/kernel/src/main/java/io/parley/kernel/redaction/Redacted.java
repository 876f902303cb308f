package io.parley.kernel.redaction;

/** A value after redaction and how many secrets were replaced in it. */
public record Redacted<T>(T value, int count) {
}
