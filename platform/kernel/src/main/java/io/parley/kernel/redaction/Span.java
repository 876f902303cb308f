package io.parley.kernel.redaction;

/** Where a detector found a secret: {@code start} inclusive, {@code end} exclusive, in the text it was given. */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a span needs 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }
}
