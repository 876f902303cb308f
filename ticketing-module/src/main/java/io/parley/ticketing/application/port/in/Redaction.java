package io.parley.ticketing.application.port.in;

import io.parley.kernel.redaction.Redactor;

import java.util.Map;

/**
 * Free text and metadata from clients reach the use cases only after redaction (docs/api.md "Text"):
 * a card number in an escalation reason never lands in the ticket, its history or a helpdesk.
 * The commands apply it, so no use case can forget it.
 */
final class Redaction {

    private static final Redactor REDACTOR = Redactor.standard();

    private Redaction() {
    }

    /** The redacted text, shortened to {@code max} code points if a marker made it longer than the limit it was checked against. */
    static String text(String value, int max) {
        return REDACTOR.redactToFit(value, max).value();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Map<String, Object> metadata) {
        return metadata == null ? null : (Map<String, Object>) REDACTOR.redactTree(metadata).value();
    }
}
