package io.parley.kernel.redaction;

/**
 * Replaces secrets (payment cards, passwords, API keys, bearer tokens and JWTs, private keys) with
 * {@code [REDACTED:<KIND>]} before anything is stored or logged.
 *
 * <p>INTERIM: the detectors are being written (issue 4, item 4); until then nothing is redacted.
 */
public final class Redactor {

    /** Redacts one text. */
    public Redacted<String> redact(String text) {
        return new Redacted<>(text, 0);
    }

    /**
     * Redacts every string inside a JSON tree (maps, lists, strings, numbers, booleans, null), keys
     * included, returning a new tree; the input is not modified.
     */
    public Redacted<Object> redactTree(Object tree) {
        return new Redacted<>(tree, 0);
    }
}
