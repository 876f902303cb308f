package io.parley.kernel.redaction;

import java.util.List;

/**
 * Finds one kind of secret. The {@link Redactor} runs its detectors, in priority order, on the ORIGINAL text
 * and replaces what they find with {@code [REDACTED:<kind>]}; a span overlapping one already taken by an
 * earlier detector (or an existing marker) is dropped, so detectors never see or redact each other's output.
 *
 * <p>Implementations must run in time linear in the text: anchor every pattern with a literal or a
 * look-behind that stops a failed attempt from restarting inside the run it just scanned, and prefer
 * possessive quantifiers. A pattern that begins with a label can open with a look-ahead on its first letter
 * ({@code (?=[Pp])}): java.util.regex then rejects most positions at once, about six times faster.
 */
public interface Detector {

    /** Upper-case name used in the marker: {@code CARD} gives {@code [REDACTED:CARD]}. */
    String kind();

    /** Every secret of this kind in {@code text}, in any order; spans may overlap (the Redactor keeps the first). */
    List<Span> find(String text);

    /**
     * Whether a JSON field named {@code fieldName} holds, as its whole string value, a secret of this kind
     * ({@code "password": "hunter2"} has no label inside the value for {@link #find} to see).
     */
    default boolean holdsSecret(String fieldName, String value) {
        return false;
    }
}
